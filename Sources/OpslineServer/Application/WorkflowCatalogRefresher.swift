import Logging
import OpslineStore
import ServiceLifecycle

/// Reads the workflow catalog again whenever any replica publishes a new version
/// (`NotifyChannel.workflows`), and whenever the listening connection (re)connects, since a
/// publication may have been missed while it was down: new tasks on every replica start on the
/// latest version within moments of `PUT /v1/workflows/{name}`, not after a restart.
struct WorkflowCatalogRefresher: Service {
    /// Fed by `LISTEN` on `NotifyChannel.workflows`.
    let signal: EventSignal
    let catalog: WorkflowCatalog
    let logger: Logger

    func run() async throws {
        try await SignalReaction(signal: signal) { [catalog, logger] in
            do {
                try await catalog.reload()
            } catch {
                // The next notification or reconnection tries again; until then new tasks use
                // the version this replica knows.
                logger.warning("could not re-read the workflow catalog", metadata: ["error": "\(error)"])
            }
        }.run()
    }
}
