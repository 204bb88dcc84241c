import Logging
import Postgres
import ServiceLifecycle

/// Keeps the embedded PostgreSQL running while the server runs.
///
/// Once a second it looks whether the cluster's postmaster still runs (a file and `/proc`, no
/// connection). When it is gone (killed, crashed, stopped by hand) it starts the cluster again,
/// which first waits for the old one's processes to exit and clears stale lock files; a failed
/// start is tried again after 1 s, then 2, 4 … up to 30 s. Meanwhile requests that need the
/// database answer `503` with `Retry-After` (the pool's connections fail), and the pool, the
/// listeners and the scheduler reconnect by themselves once PostgreSQL is back. A postmaster that
/// runs but does not answer yet (crash recovery after a backend died) is left to recover itself.
///
/// The restarted cluster belongs to this server, which stops it when it stops.
struct EmbeddedClusterWatchdog: Service {
    let cluster: EmbeddedPostgres
    let logger: Logger
    /// How often the postmaster is looked at.
    var checkInterval: Duration = .seconds(1)
    /// The pause after the first failed restart; it doubles with each further failure.
    var firstBackOff: Duration = .seconds(1)
    /// The longest pause between restarts.
    var maximumBackOff: Duration = .seconds(30)

    func run() async throws {
        var pause = checkInterval
        var backOff = firstBackOff
        while true {
            try? await cancelWhenGracefulShutdown { [pause] in try await Task.sleep(for: pause) }
            guard !Task.isShuttingDownGracefully, !Task.isCancelled else { return }
            guard !cluster.postmasterIsRunning else { continue }
            logger.error(
                "the embedded PostgreSQL is not running; restarting it", metadata: ["data": "\(cluster.directory.path)"]
            )
            do {
                try await cluster.start()
                logger.notice("restarted the embedded PostgreSQL", metadata: ["data": "\(cluster.directory.path)"])
                pause = checkInterval
                backOff = firstBackOff
            } catch {
                logger.error(
                    "could not restart the embedded PostgreSQL; trying again",
                    metadata: ["error": "\(error)", "retry_in": "\(backOff)"])
                pause = backOff
                backOff = min(backOff * 2, maximumBackOff)
            }
        }
    }
}
