import Logging
import OpslineStore
import ServiceLifecycle

/// Deletes idempotency keys older than the retention period, once an hour. Every replica runs
/// one; the deletes are idempotent, so running them twice costs only a scan of an index.
struct IdempotencyPruner: Service {
    let database: OpslineDatabase
    let retention: Duration
    let logger: Logger
    var interval: Duration = .seconds(3600)

    func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                let pruned = try await database.pruneIdempotencyKeys(olderThan: retention)
                if pruned > 0 { logger.info("pruned \(pruned) idempotency keys") }
            } catch {
                logger.warning("could not prune idempotency keys: \(error)")
            }
            // Sleeps the interval, or less when shutdown begins.
            try? await cancelWhenGracefulShutdown { try await database.clock.sleep(for: interval) }
        }
    }
}
