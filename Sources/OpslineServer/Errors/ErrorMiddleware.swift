import Hummingbird
import Logging
import NIOHTTP1

/// Turns every error a route throws into an API error line, and logs the unexpected ones with
/// the request's id (`APIError.reporting(_:to:)`).
struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            throw APIError.notFound("no route \(request.method) \(request.uri.path)")
        } catch let error as HTTPParserError {
            // The body broke HTTP/1.1's framing half-way (a malformed chunk): the client's
            // mistake, answered with an error line; the connection cannot carry another request.
            throw APIError(
                .badRequest, code: "bad_request", message: "the request body is not valid HTTP/1.1: \(error)",
                headers: [.connection: "close"])
        } catch let error as HTTPError where error.status.kind == .clientError {
            throw APIError(error.status, code: "bad_request", message: error.body ?? error.status.reasonPhrase)
        } catch {
            throw APIError.reporting(error, to: context.logger)
        }
    }
}
