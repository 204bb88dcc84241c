import HTTPTypes
import Hummingbird
import Synchronization

/// One route the server answers: an HTTP method and a path in OpenAPI form (`/v1/tasks/{id}`).
public struct Endpoint: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The method in upper case, as it goes on the wire (`GET`, `POST`, …).
    public let method: String
    /// The path from the root, captures written `{name}` as OpenAPI writes them.
    public let path: String

    /// Creates an endpoint.
    public init(method: String, path: String) {
        self.method = method
        self.path = path
    }

    /// `METHOD /path`.
    public var description: String { "\(method) \(path)" }

    /// By path, then by method.
    public static func < (lhs: Endpoint, rhs: Endpoint) -> Bool {
        (lhs.path, lhs.method) < (rhs.path, rhs.method)
    }
}

/// The routes registered so far, in registration order.
final class EndpointTable: Sendable {
    private let recorded = Mutex<[Endpoint]>([])

    /// Records a route added at `path` (from the root) for `method`.
    func record(_ method: HTTPRequest.Method, _ path: RouterPath) {
        let endpoint = Endpoint(method: method.rawValue, path: path.description)
        recorded.withLock { $0.append(endpoint) }
    }

    /// Every route recorded, sorted by path and method.
    var endpoints: [Endpoint] { recorded.withLock { $0 }.sorted() }
}

/// Stands in front of the root router: every route added through it, or through any group made
/// from it (a group hands its routes to its parent with the full path), is recorded in `table`
/// and then added to `router` unchanged. Middleware goes straight to `router`.
struct RecordingRouter: RouterMethods {
    typealias Context = OpslineRequestContext

    /// The router that serves the routes.
    let router: Router<Context>
    /// Where the routes are recorded.
    let table: EndpointTable

    @discardableResult func on<Responder: HTTPResponder>(
        _ path: RouterPath, method: HTTPRequest.Method, responder: Responder
    ) -> Self where Responder.Context == Context {
        table.record(method, path)
        router.on(path, method: method, responder: responder)
        return self
    }

    @discardableResult func add(middleware: any MiddlewareProtocol<Request, Response, Context>) -> Self {
        router.add(middleware: middleware)
        return self
    }
}
