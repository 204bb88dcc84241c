import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Runs a program to completion and captures its output.
///
/// Uses `posix_spawn` and `waitpid` directly: Foundation's `Process` relies on a SIGCHLD
/// handler that other libraries in a server process may replace, leaving a finished child
/// unreaped and the caller waiting forever. Output goes to a temporary file, not a pipe,
/// because `pg_ctl start` leaves a daemon behind that could hold a pipe open; for the same
/// reason the child gets no descriptor of this process but its standard input and output.
enum ProcessRunner {
    struct Output {
        let status: Int32
        /// Standard output and standard error, interleaved as the program wrote them.
        let text: String
    }

    /// Runs `program` (looked up on `PATH` when it has no slash) with `arguments`.
    static func run(_ program: String, _ arguments: [String]) throws -> Output {
        let outputPath = FileManager.default.temporaryDirectory
            .appendingPathComponent("opsline-process-\(UUID().uuidString).log").path
        defer { unlink(outputPath) }
        let status = try spawnAndWait(program, arguments, outputPath: outputPath)
        let text = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        return Output(status: status, text: text)
    }

    private static func spawnAndWait(_ program: String, _ arguments: [String], outputPath: String) throws -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        // Nothing else of this process reaches the child: `pg_ctl start` leaves the postmaster
        // running for as long as the cluster does, and a descriptor it inherited (a socket the
        // server's own parent watches to learn that the server exited, a client connection)
        // would stay open with it.
        closeDescriptors(from: 3, in: &actions)

        let argv = ([program] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawnp(&pid, program, &actions, nil, argv, environ)
        guard spawned == 0 else {
            throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .ENOENT)
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .ECHILD) }
        }
        // WIFEXITED / WEXITSTATUS, spelled out because the C macros are not imported.
        let signal = status & 0x7f
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal
    }

    private typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>?, Int32) -> Int32

    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34 and later), looked up at run time
    /// because Swift's Glibc module does not declare it.
    private static let addCloseFrom: CloseFrom? = {
        #if os(Linux)
            guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np")
            else { return nil }
            return unsafeBitCast(symbol, to: CloseFrom.self)
        #else
            return nil
        #endif
    }()

    /// Closes every descriptor from `lowest` up in the child, where the C library can.
    private static func closeDescriptors(from lowest: Int32, in actions: inout posix_spawn_file_actions_t) {
        guard let addCloseFrom else { return }
        _ = addCloseFrom(&actions, lowest)
    }
}

/// Runs blocking work (a child process, a `PQping`) on a thread of its own instead of one of the
/// few threads that run every task, so that a server restarting its cluster keeps answering.
func offloaded<Value: Sendable>(_ work: @escaping @Sendable () throws -> Value) async throws -> Value {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global().async { continuation.resume(with: Result { try work() }) }
    }
}
