import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The PostgreSQL processes of an embedded cluster as `ps` would show them, for tests that kill
/// them and check what is left. Read from `/proc` independently of the product's own checks.
public enum ClusterProcesses {
    /// The postmaster's PID as `postmaster.pid` in `dataDirectory` (the `pgdata` folder) names it.
    public static func postmasterPID(dataDirectory: String) -> pid_t? {
        guard let text = try? String(contentsOfFile: dataDirectory + "/postmaster.pid", encoding: .utf8) else {
            return nil
        }
        return text.split(separator: "\n").first.flatMap { pid_t($0) }
    }

    /// The live (not zombie) `postgres` processes whose working directory is `dataDirectory`:
    /// a postmaster and its children chdir there.
    public static func running(dataDirectory: String) -> [pid_t] {
        let folder = realPath(dataDirectory)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return names.compactMap { pid_t($0) }.filter { pid in
            guard isAlive(pid),
                (try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8))?
                    .trimmingCharacters(in: .whitespacesAndNewlines) == "postgres",
                let cwd = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/cwd")
            else { return false }
            return cwd == folder
        }.sorted()
    }

    /// Whether `pid` runs and is not a zombie.
    public static func isAlive(_ pid: pid_t) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return false }
        let state = stat[stat.index(close, offsetBy: 2)...].first
        return state != "Z" && state != "X"
    }

    /// Waits until `pid` has exited (a zombie counts as exited), for at most `timeout` (a hang
    /// bound). Returns whether it did.
    public static func waitUntilGone(_ pid: pid_t, timeout: Duration = .seconds(60)) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while isAlive(pid) {
            guard ContinuousClock.now < deadline else { return false }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return true
    }

    private static func realPath(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}

/// A process of the user that runs the embedded cluster (`postgres` when the tests run as root)
/// that is not PostgreSQL: a `sleep`, standing for whatever got a dead postmaster's PID after a
/// reboot. Killed when released.
public final class BystanderProcess {
    /// The `sleep`'s PID.
    public let pid: pid_t
    private let launcher: Process

    /// Starts `sleep 300` as the cluster user and waits until it runs.
    public init() throws {
        let pipe = Pipe()
        let launcher = Process()
        let script = ["/bin/sh", "-c", "echo $$; exec sleep 300"]
        if geteuid() == 0 {
            launcher.executableURL = URL(fileURLWithPath: "/usr/sbin/runuser")
            launcher.arguments = ["-u", "postgres", "--"] + script
        } else {
            launcher.executableURL = URL(fileURLWithPath: script[0])
            launcher.arguments = Array(script.dropFirst())
        }
        launcher.standardInput = FileHandle.nullDevice
        launcher.standardOutput = pipe
        launcher.standardError = FileHandle.nullDevice
        try launcher.run()
        var text = ""
        while !text.contains("\n") {
            let chunk = pipe.fileHandleForReading.availableData
            guard !chunk.isEmpty else { break }
            text += String(decoding: chunk, as: UTF8.self)
        }
        guard let pid = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            launcher.terminate()
            throw CocoaError(.executableLoad, userInfo: [NSLocalizedDescriptionKey: "no PID from sleep: \(text)"])
        }
        self.pid = pid
        self.launcher = launcher
    }

    /// Whether the `sleep` still runs.
    public var isAlive: Bool { ClusterProcesses.isAlive(pid) }

    deinit {
        kill(pid, SIGKILL)
        launcher.waitUntilExit()
    }
}
