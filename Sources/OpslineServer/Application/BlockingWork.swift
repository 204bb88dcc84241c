import NIOConcurrencyHelpers
import NIOPosix

/// Runs CPU-bound work on NIO's blocking thread pool, and stops waiting for it at a deadline.
///
/// Route handlers run on Swift's cooperative threads, one per core: a handler that computes for
/// minutes holds one of them, and two such requests on a two-core machine stop every other
/// request, `/healthz` included. Work that may take long, such as checking a workflow document,
/// runs here instead; the request waits for it without holding a thread, and is answered when the
/// deadline passes even if the work goes on (it cannot be interrupted, so it must be bounded by
/// itself too).
enum BlockingWork {
    /// Runs `body` on `pool` and waits for its value, at most `limit`.
    /// - Parameters:
    ///   - limit: How long to wait, counted from now (time in the pool's queue counts too).
    ///   - pool: Where to run; NIO's shared blocking pool by default.
    ///   - body: The work.
    /// - Returns: The value, or `nil` when the deadline passed first or the pool has shut down.
    static func run<Value: Sendable>(
        within limit: Duration, on pool: NIOThreadPool = .singleton, _ body: @escaping @Sendable () -> Value
    ) async -> Value? {
        let waiter = NIOLockedValueBox<CheckedContinuation<Value?, Never>?>(nil)
        // Whichever comes first, the value or the deadline, resumes the request; the other finds
        // nobody waiting.
        @Sendable func finish(_ value: Value?) {
            waiter.withLockedValue { continuation in
                continuation?.resume(returning: value)
                continuation = nil
            }
        }
        return await withCheckedContinuation { continuation in
            waiter.withLockedValue { $0 = continuation }
            let deadline = Task {
                try? await Task.sleep(for: limit)
                finish(nil)
            }
            pool.submit { state in
                finish(state == .active ? body() : nil)
                deadline.cancel()
            }
        }
    }
}
