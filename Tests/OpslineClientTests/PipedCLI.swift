import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The built `opsline` executable writing into a pipe whose reader stops early, the way
/// `opsline task list | head -2` runs: the reader takes the first lines, closes its end, and the
/// child is left to notice.
///
/// The pipe is shrunk to one page (4 KiB, on Linux) so that a modest output already overflows it:
/// a child with more to say than the pipe holds must then write after the reader has gone.
struct PipedCLI {
    /// How one run ended.
    struct Result: CustomStringConvertible {
        let arguments: [String]
        /// The exit code, or 128 + the signal that ended the child.
        let status: Int32
        /// The complete lines read before the reader closed its end.
        let linesRead: [String]
        let stderr: String
        /// From closing the reader's end to the child's end.
        let endedAfter: Duration

        var description: String {
            "opsline \(arguments.joined(separator: " ")) | (read \(linesRead.count) lines, close) → exit \(status) "
                + "\(endedAfter) after the close\nstderr:\n\(stderr)"
        }
    }

    /// The pipe's capacity once shrunk; more output than this cannot all fit before the close.
    static let pipeCapacity = 4096

    /// Runs `opsline ARGUMENTS…` with `cli`'s executable, server and token into a pipe, reads
    /// `lines` lines from it, closes it and waits for the child to end.
    /// - Throws: ``CLIProcess/Timeout`` when the child still runs `timeout` after it started
    ///   (it is then killed).
    static func run(
        _ cli: CLIProcess, _ arguments: [String], readingLines lines: Int, timeout: Duration = .seconds(30)
    ) async throws -> Result {
        let scratch = FileManager.default.temporaryDirectory
            .appendingPathComponent("opsline-pipe-\(UUID().uuidString)")
        let home = scratch.appendingPathComponent("home")
        try FileManager.default.createDirectory(
            at: home.appendingPathComponent(".config"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let stderrURL = scratch.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: stderrURL.path, contents: nil)
        let stderrHandle = try FileHandle(forWritingTo: stderrURL)
        defer { try? stderrHandle.close() }

        let pipe = Pipe()
        #if os(Linux)
            _ = fcntl(pipe.fileHandleForWriting.fileDescriptor, setPipeSize, Int32(pipeCapacity))
        #endif
        let process = Process()
        process.executableURL = cli.executable
        process.arguments = arguments
        process.environment = cli.environment(home: home)
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = pipe
        process.standardError = stderrHandle

        var read: [String] = []
        var closedAt = ContinuousClock.now
        try await CLIProcess.runToExit(process, timeout: timeout) {
            // Only the child may hold the writing end, so that its end is the pipe's end.
            try? pipe.fileHandleForWriting.close()
            read = await readLines(lines, from: pipe.fileHandleForReading)
            try pipe.fileHandleForReading.close()
            closedAt = .now
        }
        let status =
            process.terminationReason == .exit ? process.terminationStatus : 128 + process.terminationStatus
        return Result(
            arguments: arguments, status: status, linesRead: read,
            stderr: try String(contentsOf: stderrURL, encoding: .utf8), endedAfter: .now - closedAt)
    }

    /// `F_SETPIPE_SZ` (Linux), which Glibc's module does not export.
    private static let setPipeSize: Int32 = 1031

    /// Reads until `count` complete lines have come, or the pipe ends; blocking reads run on a
    /// dispatch queue, not on a task's thread.
    private static func readLines(_ count: Int, from handle: FileHandle) async -> [String] {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                var bytes = Data()
                while bytes.count(where: { $0 == UInt8(ascii: "\n") }) < count {
                    let chunk = handle.availableData
                    if chunk.isEmpty { break }
                    bytes.append(chunk)
                }
                let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n").map(String.init)
                continuation.resume(returning: Array(lines.prefix(count)))
            }
        }
    }
}
