import Hummingbird
import NIOCore
import OpslineStore

/// `GET /metrics`: the server's series in Prometheus' text format (0.0.4). No token, as
/// `/healthz` and `/readyz`: a scraper holds no secret, and nothing in it names a task, a team
/// or a person — only route templates, command kinds, channels and table names.
struct MetricsRoute {
    let metrics: ServerMetrics
    let database: OpslineDatabase
    let signal: EventSignal

    /// The content type Prometheus scrapes.
    static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    /// Adds the route to the root router, outside the authenticated `/v1` group.
    func register(on router: Router<OpslineRequestContext>) {
        router.get("metrics", query: []) { [metrics, database, signal] _, _ in
            let text = await metrics.render(database: database, signal: signal)
            return Response(
                status: .ok, headers: [.contentType: Self.contentType],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: text)))
        }
    }
}
