import Foundation
import HTTPTypes
import Hummingbird
import OpslineStore

/// In front of every signed-in dashboard page: finds the session of the `opsline_session`
/// cookie, or sends the browser to sign in (`303` to `/ui/login?next=…`); and for every request
/// that may change something (anything but GET and HEAD) reads the form and refuses it (a 403
/// page) unless it carries the session's CSRF token — in the form's `csrf` field, or an
/// `X-CSRF-Token` header for a script's request (a file upload sends that alone, its body being
/// the file) — compared in constant time.
struct SessionMiddleware: RouterMiddleware {
    typealias Context = OpslineRequestContext
    let sessions: SessionStore
    let settings: DashboardSettings

    /// The header a script's request carries the CSRF token in.
    static let csrfHeader = HTTPField.Name("X-CSRF-Token")!

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard let secret = request.cookies[SessionCookie.session]?.value, !secret.isEmpty,
            let session = try await sessions.authenticate(SessionSecret(secret), idle: settings.sessionIdle)
        else {
            // A live page's own requests (its event stream, its re-reads) are not the viewer
            // navigating: they get a 401 page rather than the sign-in form, which would hand the
            // browser a new sign-in cookie behind the viewer's back (and a stream nothing to read).
            if Self.isLiveRequest(request) { throw PageError.signedOut }
            let reading = request.method == .get || request.method == .head
            return DashboardPages.redirect(to: Self.signIn(next: reading ? request.uri.description : nil))
        }
        var context = context
        context.dashboardSession = session
        context.logger[metadataKey: "actor"] = .string(session.principal.name)
        context.requestCaller.name = session.principal.name
        if request.method != .get && request.method != .head {
            // A script's upload is the file itself, not a form: its token is in the header, and
            // its body is left for the route to receive.
            let isForm = request.headers[.contentType]?.hasPrefix("application/x-www-form-urlencoded") ?? true
            let form = isForm ? try await FormBody.read(request) : nil
            let presented = request.headers[Self.csrfHeader] ?? form?["csrf"] ?? ""
            guard ConstantTime.equals(session.csrfToken, presented) else { throw PageError.missingCSRF }
            context.dashboardForm = form
        }
        return try await next(request, context)
    }

    /// The header a live page's script sends when it reads the page again.
    static let liveHeader = HTTPField.Name("X-Opsline-Live")!

    /// Whether `request` is a live page's script at work: its event stream (`Accept:
    /// text/event-stream`) or a re-read (``liveHeader``).
    static func isLiveRequest(_ request: Request) -> Bool {
        request.headers[liveHeader] != nil || request.headers[.accept]?.contains("text/event-stream") == true
    }

    /// The sign-in page's address, coming back to `next` after (when it is a dashboard page).
    static func signIn(next: String?) -> String {
        let next = LocalPath.next(next)
        guard next != LocalPath.home else { return "/ui/login" }
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "/-._~")
        return "/ui/login?next=" + (next.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")
    }
}

/// On the `/ui` group, in front of every dashboard route: answers a ``PageError`` with its HTML
/// page, so that it never reaches the API's error middleware (which would log it as a failure).
struct PageErrorMiddleware: RouterMiddleware {
    typealias Context = OpslineRequestContext
    let pages: DashboardPages

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as PageError {
            return pages.errorPage(error)
        }
    }
}
