import Hummingbird
import OpslineStore
import Workflow

/// `/ui/`: the overview. For now the signed-in shell: who is signed in, how, and their teams; the
/// overview's content (breaches, work at risk, compliance, bottlenecks, queues) goes in its
/// `#overview-content` section next.
struct OverviewRoute {
    let people: PeopleStore
    let pages: DashboardPages

    @Sendable func show(_ request: Request, context: SignedInRequestContext) async throws -> Response {
        let caller = context.caller
        var displayName = caller.name
        if let user = caller.user, let record = try? await people.user(user) { displayName = record.displayName }
        let kind: String? =
            switch (context.session.credential, caller.kind) {
            case (.password, _): nil
            case (.token, .user): "with a personal token"
            case (.token, .service): "with an admin token"
            }
        let teams = caller.memberships.map { ["team": $0.team, "role": $0.role.rawValue] }
        var values: [String: Any] = [
            "name": caller.name, "displayName": displayName, "isAdmin": caller.isAdmin,
            "hasTeams": !teams.isEmpty, "teams": teams,
            "expiresAt": RFC3339.format(context.session.expiresAt),
        ]
        if let kind { values["kind"] = kind }
        return pages.render("overview", values, bar: context.bar)
    }
}
