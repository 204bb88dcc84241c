import OpslineStore

/// What a request wants to do with a task.
enum TaskAction: String, Sendable {
    case read, create, transition, update, comment
    /// Change who owns or works on a task (assignee, team): managers' work.
    case reassign
}

/// Who may do what to which team's tasks (the roles of docs/api.md).
enum AccessPolicy {
    /// Throws 403 unless `principal` may perform `action` on a task owned by `team`.
    static func check(_ principal: Principal, _ action: TaskAction, team: String?) throws {
        try checkRole(principal, action)
        guard principal.role != .admin else { return }
        guard let team, principal.teams.contains(team) else {
            throw APIError.forbidden("\(principal.name) is not in team \(team ?? "(none)")")
        }
    }

    /// Throws 403 unless the principal's role allows `action` at all (on some team's tasks).
    static func checkRole(_ principal: Principal, _ action: TaskAction) throws {
        guard allowedByRole(principal.role, action) else {
            throw APIError.forbidden("role \(principal.role.rawValue) may not \(action.rawValue) tasks")
        }
    }

    /// The tasks `principal` may list and report on: admins every team's, everyone else their
    /// own teams'. The one place a list query's scope is made.
    static func teamScope(_ principal: Principal) -> TeamScope {
        principal.role == .admin ? .allTeams : .teams(principal.teams)
    }

    private static func allowedByRole(_ role: Role, _ action: TaskAction) -> Bool {
        switch (role, action) {
        case (.admin, _), (.manager, _): return true
        case (.member, .reassign): return false
        case (.member, _): return true
        case (.service, .reassign): return false
        case (.service, _): return true
        case (.viewer, .read): return true
        default: return false
        }
    }
}

extension AccessPolicy {
    /// An update: editing needs `.update` on the task's team; changing the team or giving the
    /// task to someone else needs `.reassign` (members may take a task themselves).
    static func checkUpdate(_ principal: Principal, _ update: TaskUpdate, currentTeam: String?) throws {
        try check(principal, .update, team: currentTeam)
        let takesItThemselves = update.assignee == .some(principal.name) && update.team == nil
        if (update.assignee != nil || update.team != nil) && !takesItThemselves {
            try check(principal, .reassign, team: currentTeam)
        }
        if let newTeam = update.team { try check(principal, .reassign, team: newTeam) }
    }
}
