import OpslineStore

/// Who may manage subscriptions and their deliveries (docs/api.md, "Notifications"): admins
/// every one; a team's managers those their team owns. Everyone else reads their teams'.
extension AccessPolicy {
    /// Throws 403 unless `principal` may create, delete, test or retry what `team` owns.
    static func checkManagesSubscriptions(_ principal: Principal, of team: String) throws {
        let role = principal.role(in: team)
        guard role == .admin || role == .manager else {
            throw APIError.forbidden("only admins and managers of team \(team) may manage its subscriptions")
        }
    }

    /// Throws 403 unless `principal` sees every team a subscription would hear: a manager cannot
    /// listen in on a team they are not in.
    static func checkHears(_ principal: Principal, teams: [String]) throws {
        if let unseen = teams.first(where: { !sees(principal, team: $0) }) {
            throw APIError.forbidden("\(principal.name) is not in team \(unseen), so may not hear its events")
        }
    }
}
