import Hummingbird
import Logging
import NIOConcurrencyHelpers
import ServiceLifecycle

/// Runs the HTTP application and bounds its drain by `drainTimeout` (`--drain-timeout`).
///
/// On `SIGTERM`/`SIGINT` the service group shuts this service down first (it is the last one
/// started). Hummingbird then closes the listening socket (no new connections), closes idle
/// kept-alive connections and lets each request in flight finish before its connection closes;
/// followed event streams end with a final line (``EventFollower``), and `/readyz` answers `503`
/// to any request still served (``HealthRoutes``). Whatever is still running when
/// `drainTimeout` has passed is cancelled, its connection closed, so that the rest of the
/// shutdown — the scheduler's current batch, the pool, the embedded cluster — follows in
/// bounded time.
struct DrainingApplication<App: ApplicationProtocol>: Service {
    let app: App
    let drainTimeout: Duration
    let logger: Logger

    /// Thrown inside the group when the drain outlasts its timeout.
    private struct DrainTimedOut: Error {}

    func run() async throws {
        // When the drain began, for the log line that says how long it took.
        let began = NIOLockedValueBox<ContinuousClock.Instant?>(nil)
        try await withThrowingTaskGroup(of: Void.self) { [app, drainTimeout, logger] group in
            group.addTask { try await app.run() }
            group.addTask {
                // Returns when the drain begins; a cancellation (the app ended) throws instead.
                try await gracefulShutdown()
                began.withLockedValue { $0 = .now }
                logger.info(
                    "draining: no new connections; requests in flight may finish",
                    metadata: ["drain_timeout_s": "\(drainTimeout.components.seconds)"])
                try await Task.sleep(for: drainTimeout)
                throw DrainTimedOut()
            }
            do {
                // The first to end: the application (drained, or failed), or the timeout.
                _ = try await group.next()
            } catch is DrainTimedOut {
                logger.warning(
                    "drain timeout passed: closing the connections still open",
                    metadata: ["drain_timeout_s": "\(drainTimeout.components.seconds)"])
            }
            // Cancelling the application closes its connections; the group waits for it, and
            // what it throws on the way out is the cancellation's doing, not a failure.
            group.cancelAll()
        }
        if let began = began.withLockedValue({ $0 }) {
            let drained = ContinuousClock.now - began
            logger.info(
                "stopped serving HTTP",
                metadata: [
                    "drained_ms":
                        "\(drained.components.seconds * 1000 + drained.components.attoseconds / 1_000_000_000_000_000)"
                ])
        } else {
            logger.info("stopped serving HTTP")
        }
    }
}
