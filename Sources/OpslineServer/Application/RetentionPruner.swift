import Logging
import OpslineStore
import ServiceLifecycle

/// Deletes what is kept only for a while, once an hour: idempotency keys older than their
/// retention, delivered or given-up notifications finished longer ago than theirs, and dashboard
/// sessions that ended (expired or signed out) more than a day ago. Every
/// replica runs one; the deletes are idempotent, so running them twice costs only an index scan.
struct RetentionPruner: Service {
    let database: OpslineDatabase
    /// How long idempotency keys are kept (`--idempotency-retention`).
    let idempotencyRetention: Duration
    /// How long finished deliveries stay in the log (`--delivery-retention`).
    let deliveryRetention: Duration
    /// How long events stay in the log (`--event-retention`); nil: for ever.
    var eventRetention: Duration? = nil
    let logger: Logger
    var interval: Duration = .seconds(3600)

    func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            await prune("idempotency keys") { try await database.pruneIdempotencyKeys(olderThan: idempotencyRetention) }
            await prune("finished deliveries") { try await database.deliveries.prune(olderThan: deliveryRetention) }
            if let eventRetention {
                // Small batches, each its own short transaction: commands never wait on it.
                await prune("events") { try await database.eventRetention.prune(olderThan: eventRetention).pruned }
            }
            await prune("ended dashboard sessions") {
                try await database.sessions.prune(endedBefore: database.clock.now.addingTimeInterval(-86_400))
            }
            // Sleeps the interval, or less when shutdown begins.
            try? await cancelWhenGracefulShutdown { try await database.clock.sleep(for: interval) }
        }
    }

    private func prune(_ what: String, _ delete: () async throws -> Int) async {
        do {
            let pruned = try await delete()
            if pruned > 0 { logger.info("pruned \(pruned) \(what)") }
        } catch {
            logger.warning("could not prune \(what): \(error)")
        }
    }
}
