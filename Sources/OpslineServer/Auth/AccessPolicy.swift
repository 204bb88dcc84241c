import OpslineStore

/// What a request wants to do with a task.
enum TaskAction: String, Sendable {
    case read, create, transition
}

/// Who may do what to which team's tasks (the API contract's roles).
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

    /// True when the role can see every team's tasks.
    static func seesAllTeams(_ principal: Principal) -> Bool { principal.role == .admin }

    private static func allowedByRole(_ role: Role, _ action: TaskAction) -> Bool {
        switch (role, action) {
        case (.admin, _), (.manager, _), (.member, _): return true
        case (.service, .read), (.service, .create): return true
        case (.viewer, .read): return true
        default: return false
        }
    }
}
