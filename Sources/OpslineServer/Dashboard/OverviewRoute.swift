import Hummingbird
import OpslineStore
import Workflow

/// `/ui/`: the manager's overview (docs/dashboard.md, "Overview"). Who is signed in, compactly;
/// then open breaches, work at risk, SLA compliance with its chart, the flow's bottlenecks and
/// the unassigned queues — each what the API answers this caller (``OverviewData``). Live: the
/// page re-fetches itself on any event the caller sees, and swaps its regions.
struct OverviewRoute {
    let database: OpslineDatabase
    let pages: DashboardPages

    @Sendable func show(_ request: Request, context: SignedInRequestContext) async throws -> Response {
        let caller = context.caller
        // Read before the data: an event after it makes the live script refresh, so none is lost.
        let liveAfter = try await database.events.lastSeq()
        var displayName = caller.name
        if let user = caller.user, let record = try? await database.people.user(user) {
            displayName = record.displayName
        }
        let kind: String? =
            switch (context.session.credential, caller.kind) {
            case (.password, _): nil
            case (.token, .user): "with a personal token"
            case (.token, .service): "with an admin token"
            }
        let teams = caller.memberships.map { ["team": $0.team, "role": $0.role.rawValue] }
        var values = try await OverviewData(database: database, caller: caller).values()
        values.merge(
            [
                "liveAfter": String(liveAfter),
                "name": caller.name, "displayName": displayName, "isAdmin": caller.isAdmin,
                "hasTeams": !teams.isEmpty, "teams": teams,
                "expiresAt": OverviewFormat.time(context.session.expiresAt),
            ] as [String: Any]
        ) { _, new in new }
        if let kind { values["kind"] = kind }
        return pages.render("overview", values, bar: context.bar)
    }
}
