import HTTPTypes
import Hummingbird
import Logging
import OpslineStore

/// `/ui/login` and `/ui/logout`: signing in with a user name and password or with a token, and
/// signing out.
///
/// The sign-in form carries a CSRF token too, before there is a session: the `opsline_login`
/// cookie holds it and the form repeats it (a page of another site can neither read the cookie
/// nor make the browser send it, `SameSite=Strict`). A wrong password and an unknown or disabled
/// user get the same answer, after the same bcrypt work. Passwords and tokens are never logged.
struct LoginRoutes {
    let tokens: TokenStore
    let sessions: SessionStore
    let hasher: PasswordHasher
    let pages: DashboardPages
    let settings: DashboardSettings

    /// What a failed sign-in says, whichever part was wrong.
    static let wrongPassword = "Wrong user name or password."
    static let unusableToken =
        "This token does not sign in: it is unknown, revoked or expired, or a service token that is not an admin's."

    /// Adds the public pages to `ui`.
    func register(on ui: RouterGroup<OpslineRequestContext>) {
        ui.get("login", use: form)
        ui.post("login", use: signIn)
    }

    /// The sign-in form.
    @Sendable func form(_ request: Request, context: OpslineRequestContext) async throws -> Response {
        let next = LocalPath.next(request.uri.queryParameters["next"].map(String.init))
        return page(request, next: next, user: nil, error: nil)
    }

    /// Signs in and goes on to `next` (`303`), or shows the form again with what was wrong.
    @Sendable func signIn(_ request: Request, context: OpslineRequestContext) async throws -> Response {
        let form = try await FormBody.read(request)
        let next = LocalPath.next(form["next"])
        guard let expected = request.cookies[SessionCookie.login]?.value,
            ConstantTime.equals(expected, form["csrf"] ?? "")
        else { throw PageError.missingCSRF }
        let credential: DashboardSession.Credential
        let user = form.text("user")
        if let token = form.text("token") {
            guard let principal = try await tokens.authenticate(TokenSecret(token)),
                principal.user != nil || principal.isAdmin
            else {
                context.logger.info("dashboard sign-in refused: a token that does not sign in")
                return page(request, next: next, user: user, error: Self.unusableToken, status: .unauthorized)
            }
            credential = .token(id: principal.tokenID)
        } else {
            let password = form["password"] ?? ""
            var hash: String? = nil
            if let user { hash = try await sessions.passwordHash(of: user) }
            // Checked even without a user or password: every refusal takes as long.
            let matches = await hasher.verify(password, against: hash)
            guard matches, let user, !password.isEmpty else {
                context.logger.info("dashboard sign-in refused: wrong user name or password")
                return page(request, next: next, user: user, error: Self.wrongPassword, status: .unauthorized)
            }
            credential = .password(user: user)
        }
        if let old = request.cookies[SessionCookie.session]?.value, !old.isEmpty {
            try await sessions.revoke(SessionSecret(old))
        }
        let created: (session: DashboardSession, secret: SessionSecret)
        do {
            created = try await sessions.create(for: credential, idle: settings.sessionIdle)
        } catch SessionError.notSignedIn {
            return page(request, next: next, user: user, error: Self.wrongPassword, status: .unauthorized)
        }
        context.logger.notice(
            "signed in to the dashboard",
            metadata: ["actor": "\(created.session.principal.name)", "session": "\(created.session.id)"])
        let secure = SessionCookie.isSecure(request, settings: settings)
        var headers = HTTPFields()
        headers.append(
            HTTPField(
                name: .setCookie, value: SessionCookie.set(SessionCookie.session, created.secret.value, secure: secure))
        )
        headers.append(HTTPField(name: .setCookie, value: SessionCookie.clear(SessionCookie.login, secure: secure)))
        return DashboardPages.redirect(to: next, headers: headers)
    }

    /// Signs the session out (its CSRF token checked by ``SessionMiddleware``) and shows the
    /// sign-in form.
    @Sendable func signOut(_ request: Request, context: SignedInRequestContext) async throws -> Response {
        if let secret = request.cookies[SessionCookie.session]?.value {
            try await sessions.revoke(SessionSecret(secret))
        }
        context.logger.notice("signed out of the dashboard", metadata: ["session": "\(context.session.id)"])
        let secure = SessionCookie.isSecure(request, settings: settings)
        return DashboardPages.redirect(
            to: "/ui/login", headers: [.setCookie: SessionCookie.clear(SessionCookie.session, secure: secure)])
    }

    /// The form, with the browser's sign-in CSRF token (a new one when it has none).
    private func page(
        _ request: Request, next: String, user: String?, error: String?, status: HTTPResponse.Status = .ok
    ) -> Response {
        let existing = request.cookies[SessionCookie.login]?.value ?? ""
        let csrf =
            existing.count == 64 && existing.allSatisfy(\.isHexDigit) ? existing : SessionSecret.randomHex(bytes: 32)
        var values: [String: Any] = ["csrf": csrf, "next": next, "user": user ?? ""]
        if let error { values["error"] = error }
        let secure = SessionCookie.isSecure(request, settings: settings)
        return pages.render(
            "login", values, status: status,
            headers: [.setCookie: SessionCookie.set(SessionCookie.login, csrf, secure: secure)])
    }
}
