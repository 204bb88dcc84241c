/// How the dashboard (`/ui`) signs people in (`opsline serve --session-idle`).
public struct DashboardSettings: Sendable {
    /// How long a session lasts without use (`--session-idle`, `OPSLINE_SESSION_IDLE`).
    public var sessionIdle: Duration = .seconds(12 * 3600)
    /// bcrypt's cost (log2 of its rounds) for new password hashes.
    public var passwordCost: UInt8 = 12
    /// Whether session cookies are always marked `Secure`; they are anyway when the request came
    /// over TLS (`X-Forwarded-Proto: https` from the proxy that ended it).
    public var secureCookies = false

    /// The defaults: 12 hours, cost 12.
    public init() {}
}
