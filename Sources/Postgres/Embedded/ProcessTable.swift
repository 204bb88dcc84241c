import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What the operating system says about a process, read from `/proc` on Linux.
///
/// PostgreSQL decides whether the PID in a lock file is still its postmaster with `kill(pid, 0)`
/// alone. That is wrong after a crash in two ways this type sees through: a killed postmaster
/// that its new parent has not reaped yet is a zombie that `kill` still finds, and after a reboot
/// the PID may belong to any other process of the same user. Here a process counts as a
/// PostgreSQL process of a data folder only when it is alive (not a zombie), its program is
/// `postgres`, and its working directory is that folder (PostgreSQL `chdir`s into its data
/// folder at start, and every child inherits it).
///
/// Without `/proc` (macOS) only `kill(pid, 0)` is available; the checks fall back to it.
enum ProcessTable {
    /// Whether `/proc` can be read here.
    static var hasProcFileSystem: Bool { FileManager.default.fileExists(atPath: "/proc/self/stat") }

    /// Whether `pid` names a process that has not exited (a zombie has exited).
    static func isAlive(_ pid: pid_t) -> Bool {
        guard pid > 0 else { return false }
        guard hasProcFileSystem else { return kill(pid, 0) == 0 || errno == EPERM }
        guard let fields = statFields(pid) else { return false }
        return fields.state != "Z" && fields.state != "X"
    }

    /// When `pid` started, in clock ticks since boot: with the PID, an identity that a recycled
    /// PID does not share. `nil` without `/proc` or when the process is gone.
    static func startTicks(_ pid: pid_t) -> UInt64? {
        statFields(pid)?.startTicks
    }

    /// Whether `pid` is a live PostgreSQL process whose working directory is `dataDirectory`
    /// (a real path, as `realPath(_:)` gives). Without `/proc`, whether it is alive at all.
    static func isPostgres(_ pid: pid_t, of dataDirectory: String) -> Bool {
        guard hasProcFileSystem else { return isAlive(pid) }
        guard isAlive(pid), command(pid) == "postgres" else { return false }
        // Reading another user's working directory needs privileges; a process whose folder
        // cannot be read is not one this user (or root, for the postgres user) started.
        return workingDirectory(pid) == dataDirectory
    }

    /// The live PostgreSQL processes working in `dataDirectory`: a postmaster and its children,
    /// or the children a killed postmaster left behind while they exit. Empty without `/proc`.
    static func postgresProcesses(of dataDirectory: String) -> [pid_t] {
        guard hasProcFileSystem,
            let names = try? FileManager.default.contentsOfDirectory(atPath: "/proc")
        else { return [] }
        return names.compactMap { pid_t($0) }.filter { isPostgres($0, of: dataDirectory) }.sorted()
    }

    /// `path` with every symbolic link resolved, as `/proc/PID/cwd` shows a working directory.
    static func realPath(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The program name the kernel keeps for `pid` (`/proc/PID/comm`).
    private static func command(_ pid: pid_t) -> String? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8) else { return nil }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private static func workingDirectory(_ pid: pid_t) -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink("/proc/\(pid)/cwd", &buffer, buffer.count - 1)
        guard count > 0 else { return nil }
        return String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The state letter and start time of `/proc/PID/stat`. The command name in parentheses may
    /// hold spaces and parentheses itself, so the fields are counted after the last `)`.
    private static func statFields(_ pid: pid_t) -> (state: Character, startTicks: UInt64)? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = text.lastIndex(of: ")")
        else { return nil }
        // After the name: field 3 (state) is the first, field 22 (starttime) the twentieth.
        let fields = text[text.index(after: close)...].split(separator: " ")
        guard fields.count > 19, let state = fields[0].first, let ticks = UInt64(fields[19]) else { return nil }
        return (state, ticks)
    }
}
