import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The built `opsline` executable left running as a child process (for `watch`), with its output
/// read while it runs.
///
/// Like ``CLIProcess``, it gets a clean environment with `OPSLINE_URL` and `OPSLINE_TOKEN` set
/// and writes to temporary files; call ``stop()`` (or ``interrupt(timeout:)``) when done.
final class RunningCLI {
    /// The child did not do what was awaited in time.
    struct Timeout: Error, CustomStringConvertible {
        let description: String
    }

    let arguments: [String]
    private let process = Process()
    private let scratch: URL
    private let stdoutURL: URL
    private let stderrURL: URL

    /// Starts `opsline ARGUMENTS…` with `cli`'s executable, server and token.
    init(_ cli: CLIProcess, _ arguments: [String]) throws {
        self.arguments = arguments
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("opsline-run-\(UUID().uuidString)")
        stdoutURL = scratch.appendingPathComponent("stdout")
        stderrURL = scratch.appendingPathComponent("stderr")
        let home = scratch.appendingPathComponent("home")
        try FileManager.default.createDirectory(
            at: home.appendingPathComponent(".config"), withIntermediateDirectories: true)
        for url in [stdoutURL, stderrURL] {
            _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        }
        process.executableURL = cli.executable
        process.arguments = arguments
        process.environment = cli.environment(home: home)
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: stdoutURL)
        process.standardError = try FileHandle(forWritingTo: stderrURL)
        try process.run()
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(at: scratch)
    }

    /// What the child has written to standard output so far.
    var stdout: String {
        (try? String(contentsOf: stdoutURL, encoding: .utf8)) ?? ""
    }

    /// What the child has written to standard error so far.
    var stderr: String {
        (try? String(contentsOf: stderrURL, encoding: .utf8)) ?? ""
    }

    /// Waits until standard output satisfies `condition` and returns it.
    ///
    /// - Throws: ``Timeout`` when it does not within `timeout`, or when the child ends first.
    @discardableResult
    func waitForStdout(timeout: Duration = .seconds(20), until condition: (String) -> Bool) async throws -> String {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let output = stdout
            if condition(output) { return output }
            guard process.isRunning else { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw Timeout(description: "opsline \(arguments.joined(separator: " ")): not the awaited output\n\(self)")
    }

    /// Sends SIGINT (Ctrl-C) and returns the exit status.
    ///
    /// - Throws: ``Timeout`` when the child is still running after `timeout` (it is then killed).
    func interrupt(timeout: Duration = .seconds(10)) async throws -> Int32 {
        kill(process.processIdentifier, SIGINT)
        let deadline = ContinuousClock.now + timeout
        while process.isRunning, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        guard !process.isRunning else {
            stop()
            throw Timeout(description: "opsline \(arguments.joined(separator: " ")) ignored SIGINT\n\(self)")
        }
        process.waitUntilExit()
        return process.terminationReason == .exit ? process.terminationStatus : 128 + process.terminationStatus
    }

    /// Kills the child if it still runs.
    func stop() {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }
}

extension RunningCLI: CustomStringConvertible {
    var description: String {
        "opsline \(arguments.joined(separator: " "))\nstdout:\n\(stdout)\nstderr:\n\(stderr)"
    }
}
