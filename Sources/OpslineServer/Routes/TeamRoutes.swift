import Hummingbird
import OpslineStore

/// `/v1/teams`: admins create teams; admins and a team's managers add, change and remove its
/// members; everyone reads their own teams (admins every team).
struct TeamRoutes {
    let people: PeopleStore

    func register(on v1: RouterGroup<AuthenticatedRequestContext>) {
        let group = v1.group("teams")
        group.post(query: [], use: create)
        group.get(query: [], use: list)
        group.get(":name", query: [], use: show)
        group.put(":name/members/:user", query: [], use: setMember)
        group.delete(":name/members/:user", query: [], use: removeMember)
    }

    /// 201 with the new team's line.
    @Sendable func create(_ request: Request, context: AuthenticatedRequestContext) async throws -> Response {
        var request = request
        try AccessPolicy.checkAdmin(context.caller, "create teams")
        let (name, title) = try PeopleRequestLines.newTeam(try await request.singleLine())
        let team = try await people.createTeam(name: name, title: title)
        context.logger.notice("created a team", metadata: ["team": "\(team.name)"])
        return StreamedLines.single(TeamLine(team: team).json, status: .created)
    }

    /// The teams the caller may see, by name.
    @Sendable func list(_ request: Request, context: AuthenticatedRequestContext) async throws -> Response {
        let teams = people.teams(scope: AccessPolicy.teamScope(context.caller))
        return try await StreamedLines.response(teams, logger: context.logger) { TeamLine(team: $0).json }
    }

    /// One team with its members and their roles; 404 for a team the caller is not in, exactly as
    /// for one that does not exist.
    @Sendable func show(_ request: Request, context: AuthenticatedRequestContext) async throws -> Response {
        let name = try context.parameters.require("name")
        guard AccessPolicy.sees(context.caller, team: name) else { throw PeopleError.teamNotFound(name) }
        let team = try await people.team(name)
        let members = try await people.members(of: name)
        return StreamedLines.single(TeamLine(team: team, members: members).json, status: .ok)
    }

    /// `{"role":…}`: gives the user that role in the team (admins, and the team's managers).
    @Sendable func setMember(_ request: Request, context: AuthenticatedRequestContext) async throws -> Response {
        var request = request
        let (team, user) = (try context.parameters.require("name"), try context.parameters.require("user"))
        let role = try PeopleRequestLines.membershipRole(try await request.singleLine())
        try AccessPolicy.checkManagesMembers(context.caller, of: team)
        let member = try await people.setMembership(team: team, user: user, role: role)
        context.logger.notice(
            "set a membership", metadata: ["team": "\(team)", "user": "\(user)", "role": "\(role.rawValue)"])
        return StreamedLines.single(MembershipLine(member: member).json, status: .ok)
    }

    /// Takes the user out of the team (admins, and the team's managers); answers with the role
    /// the user had.
    @Sendable func removeMember(_ request: Request, context: AuthenticatedRequestContext) async throws -> Response {
        let (team, user) = (try context.parameters.require("name"), try context.parameters.require("user"))
        try AccessPolicy.checkManagesMembers(context.caller, of: team)
        let member = try await people.removeMembership(team: team, user: user)
        context.logger.notice("removed a membership", metadata: ["team": "\(team)", "user": "\(user)"])
        return StreamedLines.single(MembershipLine(member: member).json, status: .ok)
    }
}
