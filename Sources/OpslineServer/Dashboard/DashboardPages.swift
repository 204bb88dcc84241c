import Foundation
import HTTPTypes
import Hummingbird
import Mustache
import NIOCore

/// Renders the dashboard's pages: the templates (``PageTemplates``), the assets, and the headers
/// every `/ui` response carries.
struct DashboardPages: Sendable {
    let library: MustacheLibrary
    let assets: DashboardAssets

    /// The pages with the templates compiled into the binary.
    init() {
        library = PageTemplates.library()
        assets = DashboardAssets()
    }

    /// The Content-Security-Policy of every `/ui` response: only this server's own script,
    /// styles and connections; no inline script or style; no framing; forms post only here.
    static let contentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

    /// The headers every `/ui` response carries, pages, assets, redirects and errors alike.
    static let securityHeaders: HTTPFields = [
        HTTPField.Name("Content-Security-Policy")!: contentSecurityPolicy,
        HTTPField.Name("X-Content-Type-Options")!: "nosniff",
        HTTPField.Name("Referrer-Policy")!: "same-origin",
        HTTPField.Name("X-Frame-Options")!: "DENY",
        HTTPField.Name("Cross-Origin-Opener-Policy")!: "same-origin",
    ]

    /// How long the server took to make a response (``DashboardShellMiddleware``).
    static let serverTiming = HTTPField.Name("Server-Timing")!

    /// Adds ``securityHeaders`` to `response` (replacing any of the same name).
    static func secure(_ response: inout Response) {
        for field in securityHeaders { response.headers[field.name] = field.value }
    }

    /// Page `template` rendered with `values`, plus what the layout reads: the assets, the
    /// language, and the signed-in bar when `session` is given.
    func render(
        _ template: String, _ values: [String: Any], status: HTTPResponse.Status = .ok, bar: SignedInBar? = nil,
        headers: HTTPFields = [:]
    ) -> Response {
        var context = values
        context["assets"] = ["stylesheet": assets.stylesheet, "script": assets.script]
        context["lang"] = "en"
        if let bar { context["signedIn"] = ["name": bar.name, "csrf": bar.csrf] }
        let html = library.render(context, withTemplate: template) ?? ""
        var headers = headers
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// The error page for `error`.
    func errorPage(_ error: PageError, bar: SignedInBar? = nil) -> Response {
        render("error", ["heading": error.heading, "message": error.message], status: error.status, bar: bar)
    }

    /// A `303 See Other` to `location` (a path of this server).
    static func redirect(to location: String, headers: HTTPFields = [:]) -> Response {
        var headers = headers
        headers[.location] = location
        headers[.cacheControl] = "no-store"
        return Response(status: .seeOther, headers: headers)
    }
}

/// The signed-in bar of the layout: who, and the sign-out form's CSRF token.
struct SignedInBar: Sendable {
    let name: String
    let csrf: String
}
