import Logging
import OpslineStore
import ServiceLifecycle

/// Reads the estimated sizes of the tables that grow with use (events, idempotency keys, …)
/// from PostgreSQL's catalog every `interval`, for `/metrics`: a scrape never measures a table.
struct TableSizeSampler: Service {
    let database: OpslineDatabase
    let metrics: ServerMetrics
    let logger: Logger
    /// How often the sizes are read.
    var interval: Duration = .seconds(60)

    func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            await sample()
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
        }
    }

    /// Reads the sizes once.
    func sample() async {
        do {
            metrics.record(try await database.tableSizes())
        } catch {
            metrics.countSampleFailure()
            logger.debug("could not read table sizes for /metrics", metadata: ["error": "\(error)"])
        }
    }
}
