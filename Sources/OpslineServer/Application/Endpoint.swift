import Hummingbird

/// One route the server answers: an HTTP method and a path in OpenAPI form (`/v1/tasks/{id}`).
struct Endpoint: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The method in upper case, as it goes on the wire (`GET`, `POST`, …).
    public let method: String
    /// The path from the root, captures written `{name}` as OpenAPI writes them.
    public let path: String

    /// Creates an endpoint.
    public init(method: String, path: String) {
        self.method = method
        self.path = path
    }

    /// The endpoint of a route the router holds (`Router.routes`). Hummingbird writes a route's
    /// path with each capture `:name` as `{name}`, as OpenAPI does.
    init<Context>(_ route: Router<Context>.RouteDescription) {
        self.init(method: route.method.rawValue, path: route.path.description)
    }

    /// `METHOD /path`.
    public var description: String { "\(method) \(path)" }

    /// By path, then by method.
    public static func < (lhs: Endpoint, rhs: Endpoint) -> Bool {
        (lhs.path, lhs.method) < (rhs.path, rhs.method)
    }
}
