import OpslineStore

/// What a request wants to do with a task.
enum TaskAction: String, Sendable {
    case read, create, transition, update, comment, attach
    /// Change who owns or works on a task (assignee, team): managers' work.
    case reassign
}

/// Who may do what to which team's tasks (the roles of docs/api.md).
enum AccessPolicy {
    /// Throws unless `principal` may perform `action` on `task`: `404 not_found`, exactly as for
    /// a task that does not exist, when the task belongs to no team the principal is in — its
    /// owner or a watching team (so ids cannot be probed); `403 forbidden` when it sees the task
    /// but its strongest role among those teams does not allow `action`.
    static func check(_ principal: Principal, _ action: TaskAction, on task: TaskRecord) throws {
        guard let (team, _) = principal.strongestRole(among: task.teams) else { throw StoreError.taskNotFound(task.id) }
        try check(principal, action, team: team)
    }

    /// Whether `principal` may see `task`: it is in the task's team or in a watching team.
    static func sees(_ principal: Principal, task: TaskRecord) -> Bool {
        principal.strongestRole(among: task.teams) != nil
    }

    /// Whether `principal` may see the tasks of `team`: admins every team's, everyone else their
    /// own teams' — whatever their role there (a task without a team only admins).
    static func sees(_ principal: Principal, team: String?) -> Bool {
        principal.role(in: team) != nil
    }

    /// Throws 403 unless `principal` may perform `action` on a task owned by `team` (a team the
    /// caller names: a new task's, or the one a task moves to): its role in that team must allow
    /// it.
    static func check(_ principal: Principal, _ action: TaskAction, team: String?) throws {
        try checkRole(principal, action)
        guard let role = principal.role(in: team) else {
            throw APIError.forbidden("\(principal.name) is not in team \(team ?? "(none)")")
        }
        guard allowedByRole(role, action) else {
            throw APIError.forbidden(
                "role \(role.rawValue) in team \(team ?? "(none)") may not \(action.rawValue) tasks")
        }
    }

    /// Throws 403 unless one of the principal's roles allows `action` at all (on some team's
    /// tasks). A service token has one role; a user may be a manager in one team and a viewer in
    /// another, and ``check(_:_:team:)`` then asks about the team in question.
    static func checkRole(_ principal: Principal, _ action: TaskAction) throws {
        guard principal.roles.contains(where: { allowedByRole($0, action) }) else {
            throw APIError.forbidden("role \(principal.summaryRole.rawValue) may not \(action.rawValue) tasks")
        }
    }

    /// The tasks `principal` may list and report on: admins every team's, everyone else their
    /// own teams'. The one place a list query's scope is made.
    static func teamScope(_ principal: Principal) -> TeamScope {
        principal.isAdmin ? .allTeams : .teams(principal.teams)
    }

    /// The queues `principal` may take work from (`POST /v1/tasks/next`): every team's for an
    /// admin, else the teams where it is a manager or member — a viewer's teams are not offered,
    /// so a task picked there is never refused after the pick. Throws 403 for a service token:
    /// tasks are taken by people, and a service token is no one's assignee.
    static func takeableScope(_ principal: Principal) throws -> TeamScope {
        if case .service = principal.kind {
            throw APIError.forbidden("a service token cannot take tasks; use a personal token (opsline login)")
        }
        if principal.isAdmin { return .allTeams }
        let teams = principal.memberships.filter { $0.role == .manager || $0.role == .member }.map(\.team)
        guard !teams.isEmpty else {
            throw APIError.forbidden("role \(principal.summaryRole.rawValue) may not take tasks")
        }
        return .teams(teams)
    }

    /// The roles of docs/api.md, in one team. A `service` token — another system posting what happened —
    /// may do what a `member` may: every command of `POST /v1/events` (create, transition,
    /// update, comment; `assign` only to itself) on its teams' tasks, through that endpoint or the
    /// task endpoints alike, and read them. Reassigning is managers' work; tokens and workflows
    /// are admins'.
    private static func allowedByRole(_ role: Role, _ action: TaskAction) -> Bool {
        switch (role, action) {
        case (.admin, _), (.manager, _): return true
        case (.member, .reassign), (.service, .reassign): return false
        case (.member, _), (.service, _): return true
        case (.viewer, .read): return true
        case (.viewer, _): return false
        }
    }
}

extension AccessPolicy {
    /// An update: editing needs `.update` on the task's team; changing the team or giving the
    /// task to someone else needs `.reassign` (members may take a task themselves).
    static func checkUpdate(_ principal: Principal, _ update: TaskUpdate, on task: TaskRecord) throws {
        try check(principal, .update, on: task)
        let takesItThemselves = update.assignee == .some(principal.name) && update.team == nil
        if (update.assignee != nil || update.team != nil) && !takesItThemselves {
            try check(principal, .reassign, on: task)
        }
        if let newTeam = update.team { try check(principal, .reassign, team: newTeam) }
    }
}
