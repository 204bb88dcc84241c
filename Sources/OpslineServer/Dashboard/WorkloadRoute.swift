import Foundation
import Hummingbird
import OpslineStore
import Workflow

/// `/ui/workload?team=NAME`: who holds what, per team and person — the workload report,
/// `GET /v1/reports/workload?team=NAME` for the signed-in caller (same store call, same window,
/// same team rules: a member sees their teams, an admin every team). Live: any event the caller
/// sees refreshes the table.
struct WorkloadRoute {
    let database: OpslineDatabase
    let pages: DashboardPages

    @Sendable func show(_ request: Request, context: SignedInRequestContext) async throws -> Response {
        let caller = context.caller
        try AccessPolicy.checkRole(caller, .read)
        let liveAfter = try await database.events.lastSeq()
        let chosen = request.uri.queryParameters["team"].map(String.init).flatMap { $0.isEmpty ? nil : $0 }
        let rows = try await Self.report(database.reports, caller: caller, team: chosen)
        var teamOptions: [[String: Any]] = []
        for try await team in database.people.teams(scope: AccessPolicy.teamScope(caller)) {
            var option: [String: Any] = ["name": team.name, "selected": team.name == chosen]
            if let title = team.title { option["title"] = title }
            teamOptions.append(option)
        }
        let teams = Self.byTeam(rows)
        var values: [String: Any] = [
            "liveAfter": String(liveAfter), "teams": teams, "hasTeams": !teams.isEmpty,
            "teamOptions": teamOptions, "window": ReportRoutes.defaultWorkloadWindow.description,
        ]
        if let chosen { values["chosen"] = chosen }
        return pages.render("workload", values, bar: context.bar)
    }

    /// The workload report for `caller`, as `GET /v1/reports/workload?team=` answers it with its
    /// default window.
    static func report(_ reports: ReportStore, caller: Principal, team: String?) async throws -> [WorkloadRow] {
        var query = WorkloadQuery(
            atRiskBy: reports.clock.now.addingTimeInterval(TimeInterval(ReportRoutes.defaultWorkloadWindow.seconds)),
            scope: AccessPolicy.teamScope(caller))
        query.team = team
        return try await reports.workload(query)
    }

    /// The report's lines as the template reads them: team by team (in the report's order), its
    /// people, then its unassigned queue.
    static func byTeam(_ rows: [WorkloadRow]) -> [[String: Any]] {
        var teams: [[String: Any]] = []
        var people: [[String: Any]] = []
        for row in rows {
            switch row {
            case .person(let person):
                var line: [String: Any] = [
                    "user": person.user, "open": person.open, "atRisk": person.atRisk, "breached": person.breached,
                    "assigned": person.assignedRecently, "closed": person.closedRecently,
                    "hasAtRisk": person.atRisk > 0, "hasBreached": person.breached > 0,
                ]
                if let oldest = person.oldestOpenAt { line["oldest"] = OverviewFormat.time(oldest) }
                people.append(line)
            case .queue(let team, let unassigned):
                teams.append([
                    "team": team ?? "no team", "people": people, "hasPeople": !people.isEmpty,
                    "unassigned": unassigned, "id": "workload-team-" + OverviewFormat.pathSegment(team ?? "none"),
                ])
                people = []
            }
        }
        return teams
    }
}
