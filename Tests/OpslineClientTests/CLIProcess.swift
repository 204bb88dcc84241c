import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs the built `opsline` executable as a child process, the way a person or a script would.
///
/// Standard output and standard error go to temporary files (not pipes, so a chatty child can
/// never block on a full pipe), and a child still running after the timeout is killed and
/// reported as ``Timeout``.
struct CLIProcess: Sendable {
    /// What one run of the executable left behind.
    struct Result: Sendable, CustomStringConvertible {
        let arguments: [String]
        let status: Int32
        let stdout: String
        let stderr: String

        /// Standard output's non-empty lines.
        var stdoutLines: [String] {
            stdout.split(whereSeparator: \.isNewline).map(String.init)
        }

        var description: String {
            "opsline \(arguments.joined(separator: " ")) → exit \(status)\n"
                + "stdout:\n\(stdout)\nstderr:\n\(stderr)"
        }
    }

    /// The child ran longer than allowed and was killed.
    struct Timeout: Error, CustomStringConvertible {
        let arguments: [String]
        let timeout: Duration

        var description: String {
            "opsline \(arguments.joined(separator: " ")) was still running after \(timeout); killed"
        }
    }

    /// The `opsline` executable could not be found next to the test bundle.
    struct ExecutableNotFound: Error, CustomStringConvertible {
        let searched: [String]

        var description: String {
            "no opsline executable next to the tests (run `swift build --build-tests`); looked in "
                + searched.joined(separator: ", ")
        }
    }

    /// The executable to run.
    let executable: URL
    /// `OPSLINE_URL`, when set.
    var serverURL: String?
    /// `OPSLINE_TOKEN`, when set.
    var token: String?
    /// How long a run may take before the child is killed.
    var timeout: Duration = .seconds(30)
    /// A home folder kept between runs (for `login`); `nil` gives each run a fresh, empty one.
    var home: URL?
    /// What the child reads on standard input; `nil` for nothing.
    var input: String?
    /// A file standard output goes to instead of a temporary one (such as `/dev/full`); the
    /// result's `stdout` is then empty.
    var output: URL?
    /// More environment variables for the child, such as `COLUMNS` or `TZ`, set last.
    var extraEnvironment: [String: String] = [:]

    /// A runner for the `opsline` built alongside the tests.
    init(serverURL: String? = nil, token: String? = nil) throws {
        self.executable = try Self.builtExecutable()
        self.serverURL = serverURL
        self.token = token
    }

    /// This runner with another token.
    func with(token: String?) -> CLIProcess {
        var copy = self
        copy.token = token
        return copy
    }

    /// This runner with more environment variables (``extraEnvironment``).
    func with(environment: [String: String]) -> CLIProcess {
        var copy = self
        copy.extraEnvironment.merge(environment) { _, new in new }
        return copy
    }

    /// This runner against another server.
    func with(serverURL: String?) -> CLIProcess {
        var copy = self
        copy.serverURL = serverURL
        return copy
    }

    /// Runs `opsline ARGUMENTS…` and waits for it to end.
    ///
    /// The child gets this process's environment without any `OPSLINE_*` variable, then
    /// `OPSLINE_URL` and `OPSLINE_TOKEN` from this runner, and a fresh, empty `HOME` and
    /// `XDG_CONFIG_HOME` so no user config file is read.
    /// - Throws: ``Timeout`` when the child had to be killed.
    func run(_ arguments: String...) async throws -> Result {
        try await run(arguments)
    }

    /// Runs `opsline ARGUMENTS…` and waits for it to end.
    func run(_ arguments: [String]) async throws -> Result {
        try await run(executable: executable, arguments)
    }

    /// Runs a `/bin/sh` command line, such as a pipeline into `xargs`, with this runner's
    /// environment and `$OPSLINE` set to the executable's path, and waits for it to end.
    func shell(_ commandLine: String) async throws -> Result {
        try await with(environment: ["OPSLINE": executable.path])
            .run(executable: URL(fileURLWithPath: "/bin/sh"), ["-c", commandLine])
    }

    /// Runs `executable ARGUMENTS…` as ``run(_:)-([String])`` describes.
    private func run(executable: URL, _ arguments: [String]) async throws -> Result {
        let scratch = FileManager.default.temporaryDirectory
            .appendingPathComponent("opsline-cli-\(UUID().uuidString)")
        let home = self.home ?? scratch.appendingPathComponent("home")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(
            at: home.appendingPathComponent(".config"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }

        let stdoutURL = scratch.appendingPathComponent("stdout")
        let stderrURL = scratch.appendingPathComponent("stderr")
        for url in [stdoutURL, stderrURL] {
            guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
            }
        }
        let stdoutHandle = try FileHandle(forWritingTo: output ?? stdoutURL)
        let stderrHandle = try FileHandle(forWritingTo: stderrURL)
        defer {
            try? stdoutHandle.close()
            try? stderrHandle.close()
        }

        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = environment(home: home)
        if let input {
            let inputURL = scratch.appendingPathComponent("stdin")
            try Data(input.utf8).write(to: inputURL)
            process.standardInput = try FileHandle(forReadingFrom: inputURL)
        } else {
            process.standardInput = FileHandle.nullDevice
        }
        process.standardOutput = stdoutHandle
        process.standardError = stderrHandle
        try await Self.runToExit(process, timeout: timeout)

        return Result(
            arguments: arguments, status: process.terminationStatus,
            stdout: try String(contentsOf: stdoutURL, encoding: .utf8),
            stderr: try String(contentsOf: stderrURL, encoding: .utf8))
    }

    /// The environment of a child: this process's without any `OPSLINE_*` variable nor what
    /// changes how tables look (`COLUMNS`, `NO_COLOR`, `VISUAL`, `EDITOR`), with `TZ=UTC`; then
    /// `OPSLINE_URL` and `OPSLINE_TOKEN` from this runner, `home` as `HOME` with its `.config` as
    /// `XDG_CONFIG_HOME`, and the ``extraEnvironment``.
    func environment(home: URL) -> [String: String] {
        let presentational: Set<String> = ["COLUMNS", "NO_COLOR", "VISUAL", "EDITOR"]
        var environment = ProcessInfo.processInfo.environment.filter {
            !$0.key.hasPrefix("OPSLINE_") && !presentational.contains($0.key)
        }
        environment["TZ"] = "UTC"
        environment["HOME"] = home.path
        environment["XDG_CONFIG_HOME"] = home.appendingPathComponent(".config").path
        environment["OPSLINE_URL"] = serverURL
        environment["OPSLINE_TOKEN"] = token
        environment.merge(extraEnvironment) { _, new in new }
        return environment
    }

    /// Starts `process`, runs `meanwhile`, and waits for the process to end; a child still running
    /// `timeout` after it started is killed.
    /// - Throws: ``Timeout`` when the child had to be killed; what `meanwhile` throws (the child
    ///   is killed then too).
    static func runToExit(
        _ process: Process, timeout: Duration, meanwhile: () async throws -> Void = {}
    ) async throws {
        let exited = AsyncStream<Void> { continuation in
            process.terminationHandler = { _ in
                continuation.yield()
                continuation.finish()
            }
        }
        try process.run()

        let pid = process.processIdentifier
        let watchdog = Task { () -> Bool in
            do {
                try await Task.sleep(for: timeout)
            } catch {
                return false
            }
            kill(pid, SIGKILL)
            return true
        }
        do {
            try await meanwhile()
        } catch {
            watchdog.cancel()
            kill(pid, SIGKILL)
            process.waitUntilExit()
            throw error
        }
        for await _ in exited {}
        watchdog.cancel()
        if await watchdog.value {
            throw Timeout(arguments: process.arguments ?? [], timeout: timeout)
        }
        if process.isRunning {
            // The waiting task was cancelled before the child ended.
            kill(pid, SIGKILL)
            process.waitUntilExit()
            throw CancellationError()
        }
    }

    /// The `opsline` executable in the build folder that holds the test bundle.
    ///
    /// On Linux the tests are an executable (`.build/<triple>/debug/opslinePackageTests.xctest`),
    /// so the folder of `CommandLine.arguments[0]` is the build folder; on macOS the tests are
    /// an `.xctest` bundle in that folder.
    static func builtExecutable() throws -> URL {
        var folders: [URL] = []
        if let first = CommandLine.arguments.first, !first.isEmpty {
            folders.append(
                URL(fileURLWithPath: first).resolvingSymlinksInPath().deletingLastPathComponent())
        }
        folders += Bundle.allBundles.map(\.bundleURL)
            .filter { $0.pathExtension == "xctest" }
            .map { $0.deletingLastPathComponent() }
        folders.append(Bundle.main.bundleURL.deletingLastPathComponent())

        for folder in folders {
            let candidate = folder.appendingPathComponent("opsline")
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory),
                !isDirectory.boolValue,
                FileManager.default.isExecutableFile(atPath: candidate.path)
            {
                return candidate
            }
        }
        throw ExecutableNotFound(searched: folders.map(\.path))
    }
}
