import Hummingbird
import OpslineStore

/// `/v1/users`: admins create, change, disable and enable users; everyone reads the users of
/// their own teams (and themselves), and a user changes their own display name, e-mail and chat
/// ids.
struct UserRoutes {
    let people: PeopleStore

    func register(on v1: RouterGroup<AuthenticatedRequestContext>) {
        let group = v1.group("users")
        group.post(query: [], use: create)
        group.get(query: ["team"], use: list)
        group.get(":name", query: [], use: show)
        group.patch(":name", query: [], use: update)
        group.post(":name/disable", query: [], use: disable)
        group.post(":name/enable", query: [], use: enable)
    }

    /// 201 with the new user's line.
    @Sendable func create(_ request: Request, context: AuthenticatedRequestContext) async throws -> Response {
        var request = request
        try AccessPolicy.checkAdmin(context.caller, "create users")
        let user = try await people.createUser(try PeopleRequestLines.newUser(try await request.singleLine()))
        context.logger.notice("created a user", metadata: ["user": "\(user.name)"])
        return StreamedLines.single(UserLine(user: user, reader: context.caller).json, status: .created)
    }

    /// The users the caller may see, by name; `?team=` only that team's members (none for a
    /// team the caller is not in: who is in it is not the caller's to know).
    @Sendable func list(_ request: Request, context: AuthenticatedRequestContext) async throws -> Response {
        let caller = context.caller
        let team = QueryValues(request).string("team")
        if let team, !AccessPolicy.sees(caller, team: team) {
            return Response(status: .ok, headers: [.contentType: NDJSON.contentType])
        }
        let users = people.users(team: team, scope: AccessPolicy.teamScope(caller), reader: caller.user)
        return try await StreamedLines.response(users, logger: context.logger) {
            UserLine(user: $0, reader: caller).json
        }
    }

    /// One user; 404 for a user the caller may not see, exactly as for one that does not exist.
    @Sendable func show(_ request: Request, context: AuthenticatedRequestContext) async throws -> Response {
        let user = try await visibleUser(try context.parameters.require("name"), to: context.caller)
        return StreamedLines.single(UserLine(user: user, reader: context.caller).json, status: .ok)
    }

    /// Changes the user's display name, e-mail, chat ids (the user or an admin) or admin flag
    /// (an admin).
    @Sendable func update(_ request: Request, context: AuthenticatedRequestContext) async throws -> Response {
        var request = request
        let name = try context.parameters.require("name")
        let change = try PeopleRequestLines.userChange(try await request.singleLine())
        if !context.caller.isAdmin { _ = try await visibleUser(name, to: context.caller) }
        try AccessPolicy.checkChanges(context.caller, user: name, change)
        let user = try await people.updateUser(name, change)
        return StreamedLines.single(UserLine(user: user, reader: context.caller).json, status: .ok)
    }

    /// Disables the user: their tokens stop working at once, on every replica, and their followed
    /// event streams end; no task can be assigned to them. Disabling again changes nothing.
    @Sendable func disable(_ request: Request, context: AuthenticatedRequestContext) async throws -> Response {
        try await setDisabled(true, context: context)
    }

    /// Enables a disabled user again; their tokens that are neither revoked nor expired work again.
    @Sendable func enable(_ request: Request, context: AuthenticatedRequestContext) async throws -> Response {
        try await setDisabled(false, context: context)
    }

    private func setDisabled(_ disabled: Bool, context: AuthenticatedRequestContext) async throws -> Response {
        try AccessPolicy.checkAdmin(context.caller, disabled ? "disable users" : "enable users")
        let user = try await people.setDisabled(try context.parameters.require("name"), disabled)
        context.logger.notice(disabled ? "disabled a user" : "enabled a user", metadata: ["user": "\(user.name)"])
        return StreamedLines.single(UserLine(user: user, reader: context.caller).json, status: .ok)
    }

    /// The user, or 404 when there is none or the caller may not see it.
    private func visibleUser(_ name: String, to caller: Principal) async throws -> User {
        let user = try await people.user(name)
        guard AccessPolicy.sees(caller, user: user) else { throw PeopleError.userNotFound(name) }
        return user
    }
}
