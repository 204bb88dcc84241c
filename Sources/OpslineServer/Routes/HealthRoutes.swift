import Hummingbird
import OpslineStore
import ServiceLifecycle
import Workflow

/// `/healthz` (the process is up) and `/readyz` (PostgreSQL answers, schema current, and the
/// server is not draining). No token.
struct HealthRoutes {
    let database: OpslineDatabase

    /// Adds the probes to the root router, outside the authenticated `/v1` group.
    func register(on router: Router<OpslineRequestContext>) {
        router.get("healthz", query: []) { _, _ in
            StreamedLines.single(JSONValue.object(["status": "ok"]), status: .ok)
        }
        router.get("readyz", query: []) { _, _ in
            // Draining (SIGTERM): a load balancer stops sending here while requests in flight
            // finish. `/healthz` stays 200: the process is up until it exits.
            guard !Task.isShuttingDownGracefully else {
                throw APIError.shuttingDown("the server is shutting down")
            }
            guard await database.isReady() else {
                throw APIError.unavailable("PostgreSQL does not answer or its schema is not current")
            }
            return StreamedLines.single(JSONValue.object(["status": "ready"]), status: .ok)
        }
    }
}
