import Hummingbird
import Logging

/// Turns every error a route throws into an API error line, and logs the unexpected ones.
struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            throw APIError.notFound("no route \(request.method) \(request.uri.path)")
        } catch let error as HTTPError {
            throw APIError(error.status, code: "bad_request", message: error.body ?? error.status.reasonPhrase)
        } catch {
            let apiError = APIError.from(error)
            if apiError.status == .internalServerError {
                context.logger.error("request failed", metadata: ["error": "\(String(reflecting: error))"])
            } else if apiError.status == .serviceUnavailable {
                context.logger.warning("database unavailable", metadata: ["error": "\(apiError.message)"])
            }
            throw apiError
        }
    }
}
