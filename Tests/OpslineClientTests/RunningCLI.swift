import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The built `opsline` executable left running as a child process (for `watch`), with its output
/// read while it runs.
///
/// Like ``CLIProcess``, it gets a clean environment with `OPSLINE_URL` and `OPSLINE_TOKEN` set;
/// call ``stop()`` (or ``interrupt(timeout:)``) when done. Waits are woken by the child's output
/// and exit, never by polling; their timeouts only bound a hang.
final class RunningCLI {
    /// The child did not do what was awaited in time.
    struct Timeout: Error, CustomStringConvertible {
        let description: String
    }

    let arguments: [String]
    private let process: Process
    private let scratch: URL
    private let output = Output()
    /// Yields whenever output arrives or the child exits.
    private let changes: AsyncStream<Void>
    private let changed: AsyncStream<Void>.Continuation

    /// Starts `opsline ARGUMENTS…` with `cli`'s executable, server and token.
    init(_ cli: CLIProcess, _ arguments: [String]) throws {
        self.arguments = arguments
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("opsline-run-\(UUID().uuidString)")
        let home = scratch.appendingPathComponent("home")
        try FileManager.default.createDirectory(
            at: home.appendingPathComponent(".config"), withIntermediateDirectories: true)
        (changes, changed) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        let process = Process()
        self.process = process
        process.executableURL = cli.executable
        process.arguments = arguments
        process.environment = cli.environment(home: home)
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = Self.reading(into: output, \.stdout, changed)
        process.standardError = Self.reading(into: output, \.stderr, changed)
        process.terminationHandler = { [output, changed] _ in
            output.state.withLock { $0.exited = true }
            changed.yield()
        }
        try process.run()
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(at: scratch)
    }

    /// What the child wrote and whether it ended, as it happens.
    private final class Output: Sendable {
        struct State {
            var stdout = Data()
            var stderr = Data()
            var exited = false
        }
        let state = Mutex(State())
    }

    /// A pipe whose output is appended to `stream` of `output` as it arrives.
    private static func reading(
        into output: Output, _ stream: any WritableKeyPath<Output.State, Data> & Sendable,
        _ changed: AsyncStream<Void>.Continuation
    ) -> Pipe {
        let pipe = Pipe()
        pipe.fileHandleForReading.readabilityHandler = { handle in
            let data = handle.availableData
            if data.isEmpty { handle.readabilityHandler = nil }
            output.state.withLock { $0[keyPath: stream].append(data) }
            changed.yield()
        }
        return pipe
    }

    /// What the child has written to standard output so far.
    var stdout: String { output.state.withLock { String(decoding: $0.stdout, as: UTF8.self) } }

    /// What the child has written to standard error so far.
    var stderr: String { output.state.withLock { String(decoding: $0.stderr, as: UTF8.self) } }

    private var exited: Bool { output.state.withLock { $0.exited } }

    /// Waits until standard output satisfies `condition` and returns it.
    ///
    /// - Throws: ``Timeout`` when it does not within `timeout`, or when the child ends first.
    @discardableResult
    func waitForStdout(timeout: Duration = .seconds(120), until condition: (String) -> Bool) async throws -> String {
        let satisfied = await waitForChange(timeout: timeout) { condition($0.stdout) || $0.exited }
        let output = stdout
        guard satisfied, condition(output) else {
            throw Timeout(description: "opsline \(arguments.joined(separator: " ")): not the awaited output\n\(self)")
        }
        return output
    }

    /// Sends SIGINT (Ctrl-C) and returns the exit status.
    ///
    /// - Throws: ``Timeout`` when the child is still running after `timeout` (it is then killed).
    func interrupt(timeout: Duration = .seconds(60)) async throws -> Int32 {
        kill(process.processIdentifier, SIGINT)
        guard await waitForChange(timeout: timeout, until: { _ in exited }) else {
            stop()
            throw Timeout(description: "opsline \(arguments.joined(separator: " ")) ignored SIGINT\n\(self)")
        }
        process.waitUntilExit()
        return process.terminationReason == .exit ? process.terminationStatus : 128 + process.terminationStatus
    }

    /// Re-checks `done` on the output each time it changes, for at most `timeout`.
    /// - Returns: Whether `done` held.
    private func waitForChange(
        timeout: Duration, until done: (_ output: (stdout: String, exited: Bool)) -> Bool
    ) async -> Bool {
        let deadline = Task { [changed] in
            try? await Task.sleep(for: timeout)
            changed.yield()
        }
        defer { deadline.cancel() }
        let end = ContinuousClock.now + timeout
        var iterator = changes.makeAsyncIterator()
        while true {
            if done((stdout, exited)) { return true }
            if ContinuousClock.now >= end { return false }
            _ = await iterator.next()
        }
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
