extension OpslineClient {
    /// Creates a user (`POST /v1/users`; admins only).
    public func createUser(_ user: NewUser) async throws(ClientError) -> UserLine {
        try await send(.createUser(user))
    }

    /// The users the caller may see, by name (`GET /v1/users`); `team` only its members.
    ///
    /// The request is sent when iteration starts.
    public func listUsers(team: String? = nil) -> NDJSONStream<UserLine> {
        stream(.listUsers(team: team))
    }

    /// One user (`GET /v1/users/{name}`).
    public func user(name: String) async throws(ClientError) -> UserLine {
        try await send(.user(name: name))
    }

    /// Disables a user (`POST /v1/users/{name}/disable`; admins only): their tokens stop working.
    public func disableUser(name: String) async throws(ClientError) -> UserLine {
        try await send(.disableUser(name: name))
    }

    /// Enables a disabled user again (`POST /v1/users/{name}/enable`; admins only).
    public func enableUser(name: String) async throws(ClientError) -> UserLine {
        try await send(.enableUser(name: name))
    }

    /// Creates a team (`POST /v1/teams`; admins only).
    public func createTeam(name: String, title: String? = nil) async throws(ClientError) -> TeamLine {
        try await send(.createTeam(name: name, title: title))
    }

    /// The teams the caller may see, by name (`GET /v1/teams`).
    ///
    /// The request is sent when iteration starts.
    public func listTeams() -> NDJSONStream<TeamLine> {
        stream(.listTeams())
    }

    /// One team with its members (`GET /v1/teams/{name}`).
    public func team(name: String) async throws(ClientError) -> TeamLine {
        try await send(.team(name: name))
    }

    /// Gives a user a role in a team (`PUT /v1/teams/{team}/members/{user}`).
    public func setMember(team: String, user: String, role: String) async throws(ClientError) -> MembershipLine {
        try await send(.setMember(team: team, user: user, role: role))
    }

    /// Takes a user out of a team (`DELETE /v1/teams/{team}/members/{user}`).
    public func removeMember(team: String, user: String) async throws(ClientError) -> MembershipLine {
        try await send(.removeMember(team: team, user: user))
    }
}
