import Hummingbird

/// Refuses a query parameter whose value holds a NUL character (`%00`), on every route, with
/// `400 bad_request` naming the parameter: PostgreSQL text cannot hold NUL, and libpq would
/// compare the value cut short there (`?team=support%00x` would filter on `support`).
struct QueryTextMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        // Hummingbird decodes values only; a name keeps its `%00` as three plain characters.
        if let parameter = request.uri.queryParameters.first(where: { $0.value.utf8.contains(0) }) {
            let name = String(parameter.key)
            throw QueryValues.bad(name, "\(name) must not contain NUL (%00)")
        }
        return try await next(request, context)
    }
}
