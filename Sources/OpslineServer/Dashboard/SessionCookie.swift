import Foundation
import HTTPTypes
import Hummingbird

/// The dashboard's cookies: `opsline_session` (the session's secret) and `opsline_login` (the
/// sign-in form's CSRF token, before there is a session). Both are `HttpOnly` (no script reads
/// them), `SameSite=Strict` (no other site's page sends them), `Path=/ui` (the API never sees
/// them), and `Secure` when the request came over TLS.
enum SessionCookie {
    static let session = "opsline_session"
    static let login = "opsline_login"

    /// The `Set-Cookie` value giving cookie `name` the value `value` for this browser session.
    static func set(_ name: String, _ value: String, secure: Bool) -> String {
        "\(name)=\(value); Path=/ui; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "")
    }

    /// The `Set-Cookie` value that removes cookie `name`.
    static func clear(_ name: String, secure: Bool) -> String {
        "\(name)=; Path=/ui; Max-Age=0; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "")
    }

    /// Whether `request` came over TLS: Opsline serves plain HTTP, so TLS is ended by a proxy in
    /// front, which says so with `X-Forwarded-Proto: https` (a client that forges it only makes
    /// its own cookie stricter); or the settings say always.
    static func isSecure(_ request: Request, settings: DashboardSettings) -> Bool {
        settings.secureCookies
            || request.headers[forwardedProto]?.split(separator: ",").first?
                .trimmingCharacters(in: .whitespaces).lowercased() == "https"
    }

    private static let forwardedProto = HTTPField.Name("X-Forwarded-Proto")!
}
