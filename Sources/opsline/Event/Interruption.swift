import Dispatch

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Ends long-running work cleanly when the user presses Ctrl-C (SIGINT) or the process is asked
/// to stop (SIGTERM).
enum Interruption {
    /// Runs `body` until it returns or a SIGINT or SIGTERM arrives, which cancels it.
    ///
    /// - Returns: Normally, also when interrupted, so the command can exit with 0.
    /// - Throws: What `body` throws when it was not interrupted.
    static func run(_ body: @escaping @Sendable () async throws -> Void) async throws {
        let work = Task { try await body() }
        let sources = [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { work.cancel() }
            source.resume()
            return source
        }
        defer {
            for source in sources { source.cancel() }
            signal(SIGINT, SIG_DFL)
            signal(SIGTERM, SIG_DFL)
        }
        do {
            try await withTaskCancellationHandler {
                try await work.value
            } onCancel: {
                work.cancel()
            }
        } catch  where work.isCancelled {
            return
        }
    }
}
