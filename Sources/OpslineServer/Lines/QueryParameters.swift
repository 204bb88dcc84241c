import Hummingbird

/// The query parameters one route reads. Every route declares them where it is registered
/// (`RouterMethods.on(_:method:query:use:)`), and a request naming any other is refused with
/// `400 bad_request` naming it in `parameter`, before the route runs: a misspelt filter
/// (`?stat=open`) is an error, never a silently larger answer.
struct QueryParameters: Sendable, ExpressibleByArrayLiteral {
    /// The names the route reads.
    let names: [String]
    /// Prefixes of names the route reads (`field.` for `field.<name>`).
    let prefixes: [String]

    /// A route reading `names` and any name starting with one of `prefixes`.
    init(_ names: [String], prefixes: [String] = []) {
        self.names = names
        self.prefixes = prefixes
    }

    /// A route reading these names.
    init(arrayLiteral names: String...) {
        self.init(names)
    }

    /// Whether the route reads `name`.
    func accepts(_ name: some StringProtocol) -> Bool {
        names.contains { $0 == name } || prefixes.contains { name.hasPrefix($0) }
    }

    /// Throws `400 bad_request` naming the first parameter of `request` the route does not read.
    func check(_ request: Request) throws {
        guard let unknown = request.uri.queryParameters.first(where: { !accepts($0.key) })?.key else { return }
        let name = String(unknown)
        let known = names + prefixes.map { "\($0)<name>" }
        let takes = known.isEmpty ? "takes no query parameters" : "takes \(known.joined(separator: ", "))"
        throw QueryValues.bad(name, "unknown query parameter '\(name)': \(request.method) \(request.uri.path) \(takes)")
    }
}

extension RouterMethods {
    /// Adds a route that reads the query parameters `query`: a request naming any other is
    /// refused (`QueryParameters.check(_:)`) before `handler` runs.
    @discardableResult
    func on(
        _ path: RouterPath = "", method: HTTPRequest.Method, query: QueryParameters,
        use handler: @escaping @Sendable (Request, Context) async throws -> some ResponseGenerator
    ) -> Self {
        on(path, method: method) { request, context in
            try query.check(request)
            return try await handler(request, context)
        }
    }

    /// `GET` of `path`, reading the query parameters `query`.
    @discardableResult
    func get(
        _ path: RouterPath = "", query: QueryParameters,
        use handler: @escaping @Sendable (Request, Context) async throws -> some ResponseGenerator
    ) -> Self {
        on(path, method: .get, query: query, use: handler)
    }

    /// `POST` to `path`, reading the query parameters `query`.
    @discardableResult
    func post(
        _ path: RouterPath = "", query: QueryParameters,
        use handler: @escaping @Sendable (Request, Context) async throws -> some ResponseGenerator
    ) -> Self {
        on(path, method: .post, query: query, use: handler)
    }

    /// `PUT` to `path`, reading the query parameters `query`.
    @discardableResult
    func put(
        _ path: RouterPath = "", query: QueryParameters,
        use handler: @escaping @Sendable (Request, Context) async throws -> some ResponseGenerator
    ) -> Self {
        on(path, method: .put, query: query, use: handler)
    }

    /// `PATCH` of `path`, reading the query parameters `query`.
    @discardableResult
    func patch(
        _ path: RouterPath = "", query: QueryParameters,
        use handler: @escaping @Sendable (Request, Context) async throws -> some ResponseGenerator
    ) -> Self {
        on(path, method: .patch, query: query, use: handler)
    }

    /// `DELETE` of `path`, reading the query parameters `query`.
    @discardableResult
    func delete(
        _ path: RouterPath = "", query: QueryParameters,
        use handler: @escaping @Sendable (Request, Context) async throws -> some ResponseGenerator
    ) -> Self {
        on(path, method: .delete, query: query, use: handler)
    }
}
