import Hummingbird
import OpslineStore

/// `/v1/tokens` (admins create, list and revoke tokens; a user creates personal tokens for
/// themselves) and `/v1/me` (any token: who am I).
struct TokenRoutes {
    let tokens: TokenStore

    /// Adds the routes to the authenticated `/v1` group.
    func register(on v1: RouterGroup<AuthenticatedRequestContext>) {
        let group = v1.group("tokens")
        group.post(query: [], use: create)
        group.get(query: [], use: list)
        group.delete(":id", query: [], use: revoke)
        v1.get("me", query: [], use: me)
    }

    /// 201 with the new token's line, the only one that carries its secret. With `user`, a
    /// personal token acting as that user (admins for anyone; a personal token's user for
    /// themselves); without, a service token with its own role and teams (admins).
    @Sendable func create(_ request: Request, context: AuthenticatedRequestContext) async throws -> Response {
        var request = request
        let caller = context.caller
        if !caller.isAdmin, caller.user == nil { try AccessPolicy.checkManagesTokens(caller) }
        let line = try await request.singleLine()
        let body = try line.decode(CreateTokenLine.self)
        let created: (token: Token, secret: TokenSecret)
        if let user = body.user {
            guard caller.isAdmin || caller.user == user else {
                throw APIError.forbidden("only admins may create tokens for another user")
            }
            try body.checkPersonal()
            created = try await tokens.createPersonal(
                name: body.name, user: user, expiresAt: try body.expiry(line: line.number))
        } else {
            try AccessPolicy.checkManagesTokens(caller)
            let name = try body.serviceName(line: line.number)
            let role = try body.validatedRole(line: line.number)
            created = try await tokens.create(
                name: name, role: role, teams: body.teams ?? [], expiresAt: try body.expiry(line: line.number))
        }
        let (token, secret) = created
        context.logger.notice(
            "created a token",
            metadata: ["token": "\(token.id)", "role": "\(token.role.rawValue)", "user": "\(token.user ?? "-")"])
        var response = StreamedLines.single(TokenLine(token: token, secret: secret), status: .created)
        response.headers[.cacheControl] = "no-store"
        return response
    }

    /// Every token, oldest first, streamed; no secrets.
    @Sendable func list(_ request: Request, context: AuthenticatedRequestContext) async throws -> Response {
        try AccessPolicy.checkManagesTokens(context.caller)
        return try await StreamedLines.response(tokens.list(), logger: context.logger) { TokenLine(token: $0) }
    }

    /// 200 with the revoked token's line; it stops authenticating at once.
    @Sendable func revoke(_ request: Request, context: AuthenticatedRequestContext) async throws -> Response {
        try AccessPolicy.checkManagesTokens(context.caller)
        let token = try await tokens.revoke(id: try context.parameters.require("id"))
        context.logger.notice("revoked a token", metadata: ["token": "\(token.id)"])
        return StreamedLines.single(TokenLine(token: token), status: .ok)
    }

    /// The caller: its token id, name, role and teams.
    @Sendable func me(_ request: Request, context: AuthenticatedRequestContext) async throws -> Response {
        StreamedLines.single(CallerLine(principal: context.caller), status: .ok)
    }
}
