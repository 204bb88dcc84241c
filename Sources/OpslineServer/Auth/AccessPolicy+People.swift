import OpslineStore

/// Who may read and change users, teams and memberships (docs/api.md, "People").
///
/// Admins do everything. Everyone else reads the users and teams of their own teams (a personal
/// token also reads its own user), may change their own display name, e-mail and chat ids, and —
/// as a manager of a team — adds, changes and removes that team's members. Nobody but an admin
/// creates users or teams, disables users or makes admins.
extension AccessPolicy {
    /// Throws 403 unless `principal` is an admin; `what` completes "only admins may …".
    static func checkAdmin(_ principal: Principal, _ what: String) throws {
        guard principal.isAdmin else {
            throw APIError.forbidden("only admins may \(what); this caller is \(principal.summaryRole.rawValue)")
        }
    }

    /// Throws 403 unless `principal` may add, change and remove the members of `team`: an admin,
    /// or a manager of that team. A member cannot add themselves to another team; a manager
    /// cannot grant roles in a team they do not manage.
    static func checkManagesMembers(_ principal: Principal, of team: String) throws {
        guard principal.role(in: team) == .admin || principal.role(in: team) == .manager else {
            throw APIError.forbidden("only admins and managers of team \(team) may change its members")
        }
    }

    /// Throws 403 unless `principal` may change what `change` changes of user `name`: an admin
    /// anything, a user their own display name, e-mail and chat ids.
    static func checkChanges(_ principal: Principal, user name: String, _ change: UserChange) throws {
        guard !principal.isAdmin else { return }
        guard principal.user == name else { throw APIError.forbidden("only admins may change other users") }
        guard change.isAdmin == nil else { throw APIError.forbidden("only admins may make or unmake admins") }
    }

    /// Whether `principal` may read user `user`: admins every user, everyone else themselves and
    /// the users who share one of their teams.
    static func sees(_ principal: Principal, user: User) -> Bool {
        principal.isAdmin || principal.user == user.name
            || user.memberships.contains { principal.teams.contains($0.team) }
    }

    /// The memberships of `user` that `principal` may see: all of them for an admin or the user
    /// themselves, else those in the reader's own teams.
    static func visibleMemberships(of user: User, to principal: Principal) -> [TeamRole] {
        guard !principal.isAdmin, principal.user != user.name else { return user.memberships }
        return user.memberships.filter { principal.teams.contains($0.team) }
    }
}
