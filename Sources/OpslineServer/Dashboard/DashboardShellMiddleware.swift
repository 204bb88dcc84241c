import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// On the root router, outside every other middleware: gives every response under `/ui` the
/// security headers (``DashboardPages/securityHeaders``), and turns the API's error lines that
/// reach it there (no such page, a malformed request, a failure the error middleware logged)
/// into HTML error pages, and says how long the server took to make the response
/// (`Server-Timing: app;dur=…`, in milliseconds; Benchmarks/dashboard.sh reads it). Other paths
/// pass through untouched.
struct DashboardShellMiddleware<Context: RequestContext>: RouterMiddleware {
    let pages: DashboardPages

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let path = request.uri.path
        guard path == "/ui" || path.hasPrefix("/ui/") else { return try await next(request, context) }
        let started = ContinuousClock.now
        var response: Response
        do {
            response = path == "/ui" ? DashboardPages.redirect(to: LocalPath.home) : try await next(request, context)
        } catch let error as PageError {
            response = pages.errorPage(error)
        } catch let error as APIError {
            response = pages.errorPage(
                PageError(status: error.status, heading: Self.heading(error), message: error.message))
            for field in error.headers where field.name == .retryAfter || field.name == .connection {
                response.headers[field.name] = field.value
            }
        } catch {
            let apiError = APIError.reporting(error, to: context.logger)
            response = pages.errorPage(
                PageError(status: apiError.status, heading: "Something went wrong", message: apiError.message))
        }
        DashboardPages.secure(&response)
        response.headers[DashboardPages.serverTiming] = Self.timing(since: started)
        return response
    }

    /// `app;dur=12.345`: the milliseconds since `started`.
    private static func timing(since started: ContinuousClock.Instant) -> String {
        let (seconds, attoseconds) = (ContinuousClock.now - started).components
        let milliseconds = Double(seconds) * 1000 + Double(attoseconds) / 1e15
        return "app;dur=" + String(format: "%.3f", milliseconds)
    }

    private static func heading(_ error: APIError) -> String {
        switch error.status {
        case .notFound: "Not found"
        case .forbidden: "Not allowed"
        case .serviceUnavailable: "Unavailable"
        default: error.status.kind == .serverError ? "Something went wrong" : "Bad request"
        }
    }
}
