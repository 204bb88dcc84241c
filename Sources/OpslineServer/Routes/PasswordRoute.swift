import Hummingbird
import OpslineStore

/// `POST /v1/users/{name}/password`: sets a user's dashboard password (docs/dashboard.md).
///
/// An admin sets anyone's; a user sets their own, giving their current password when they have
/// one (a stolen personal token alone cannot take over the user's sign-in). The new password is
/// hashed with bcrypt off the request's thread; neither password is ever logged. Setting it ends
/// the dashboard sessions signed in with the old one.
struct PasswordRoute {
    let people: PeopleStore
    let sessions: SessionStore
    let hasher: PasswordHasher

    func register(on users: RouterGroup<AuthenticatedRequestContext>) {
        users.post(":name/password", query: [], use: setPassword)
    }

    /// 200 with the user's line.
    @Sendable func setPassword(_ request: Request, context: AuthenticatedRequestContext) async throws -> Response {
        var request = request
        let name = try context.parameters.require("name")
        let caller = context.caller
        let (password, current) = try PeopleRequestLines.passwordChange(try await request.singleLine())
        if !caller.isAdmin {
            // Another user: 404 when the caller may not see them, as for one that does not exist.
            let user = try await people.user(name)
            guard AccessPolicy.sees(caller, user: user) else { throw PeopleError.userNotFound(name) }
            guard caller.user == name else { throw APIError.forbidden("only admins may set other users' passwords") }
        }
        if let problem = PasswordHasher.problem(with: password) { throw APIError.invalidField("password", problem) }
        if !caller.isAdmin, try await sessions.hasPassword(name) {
            guard let current else {
                throw APIError.invalidField("current_password", "is required to change your own password")
            }
            let stored = try await sessions.passwordHash(of: name)
            guard await hasher.verify(current, against: stored) else {
                throw APIError.forbidden("current_password does not match")
            }
        }
        guard let hash = await hasher.hash(password) else {
            throw APIError(
                .serviceUnavailable, code: "unavailable", message: "the server is too busy to hash a password now",
                headers: [.retryAfter: APIError.retryAfterUnavailable])
        }
        try await sessions.setPasswordHash(hash, of: name)
        context.logger.notice("set a user's password", metadata: ["user": "\(name)"])
        let user = try await people.user(name)
        return StreamedLines.single(UserLine(user: user, reader: caller).json, status: .ok)
    }
}
