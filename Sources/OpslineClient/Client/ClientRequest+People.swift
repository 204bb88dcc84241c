import Workflow

extension ClientRequest {
    /// `POST /v1/users` (admins): creates a user.
    public static func createUser(_ user: NewUser) -> ClientRequest {
        ClientRequest(method: .post, path: "/v1/users", lines: [user.line])
    }

    /// `GET /v1/users`: the users the caller may see, by name; `team` only that team's members.
    public static func listUsers(team: String? = nil) -> ClientRequest {
        ClientRequest(method: .get, path: "/v1/users", query: team.map { [("team", $0)] } ?? [])
    }

    /// `GET /v1/users/{name}`.
    public static func user(name: String) -> ClientRequest {
        ClientRequest(method: .get, path: "/v1/users/" + escape(name))
    }

    /// `POST /v1/users/{name}/disable` (admins): the user's tokens stop working at once.
    public static func disableUser(name: String) -> ClientRequest {
        ClientRequest(method: .post, path: "/v1/users/" + escape(name) + "/disable")
    }

    /// `POST /v1/users/{name}/enable` (admins).
    public static func enableUser(name: String) -> ClientRequest {
        ClientRequest(method: .post, path: "/v1/users/" + escape(name) + "/enable")
    }

    /// `POST /v1/users/{name}/password` (admins, or the user themself with `current`): sets the
    /// user's dashboard password.
    public static func setPassword(name: String, password: String, current: String? = nil) -> ClientRequest {
        var line: [String: JSONValue] = ["password": .string(password)]
        line["current_password"] = current.map(JSONValue.string)
        return ClientRequest(method: .post, path: "/v1/users/" + escape(name) + "/password", lines: [.object(line)])
    }

    /// `POST /v1/teams` (admins): creates a team.
    public static func createTeam(name: String, title: String? = nil) -> ClientRequest {
        var line: [String: JSONValue] = ["name": .string(name)]
        line["title"] = title.map(JSONValue.string)
        return ClientRequest(method: .post, path: "/v1/teams", lines: [.object(line)])
    }

    /// `GET /v1/teams`: the teams the caller may see, by name.
    public static func listTeams() -> ClientRequest {
        ClientRequest(method: .get, path: "/v1/teams")
    }

    /// `GET /v1/teams/{name}`: the team with its members.
    public static func team(name: String) -> ClientRequest {
        ClientRequest(method: .get, path: "/v1/teams/" + escape(name))
    }

    /// `PUT /v1/teams/{team}/members/{user}` (admins and the team's managers): gives the user a
    /// role in the team.
    public static func setMember(team: String, user: String, role: String) -> ClientRequest {
        ClientRequest(
            method: .put, path: "/v1/teams/" + escape(team) + "/members/" + escape(user),
            lines: [.object(["role": .string(role)])])
    }

    /// `DELETE /v1/teams/{team}/members/{user}` (admins and the team's managers).
    public static func removeMember(team: String, user: String) -> ClientRequest {
        ClientRequest(method: .delete, path: "/v1/teams/" + escape(team) + "/members/" + escape(user))
    }
}
