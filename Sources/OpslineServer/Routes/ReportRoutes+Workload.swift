import Foundation
import Hummingbird
import OpslineStore
import Workflow

extension ReportRoutes {
    /// What `at_risk` counts when `within` is not given: clocks due within a day.
    static let defaultWorkloadWindow = WorkDuration(seconds: 86_400)

    /// `GET /v1/reports/workload?team=&within=1d`: per team and person, the open tasks they hold
    /// (at risk: a running clock due within `within`, wall-clock time from now as in
    /// `GET /v1/sla/at-risk`; breached; the oldest), what was assigned to them and what they
    /// closed in the last 7 days; then the team's unassigned queue. Team by team.
    @Sendable func workload(_ request: Request, context: AuthenticatedRequestContext) async throws -> Response {
        let caller = context.caller
        try AccessPolicy.checkRole(caller, .read)
        let values = QueryValues(request)
        let within = try values.duration("within") ?? Self.defaultWorkloadWindow
        var query = WorkloadQuery(
            atRiskBy: reports.clock.now.addingTimeInterval(TimeInterval(within.seconds)),
            scope: AccessPolicy.teamScope(caller))
        query.team = values.string("team")
        let rows = try await reports.workload(query)
        return Response(
            status: .ok, headers: [.contentType: NDJSON.contentType],
            body: .init(contentsOf: rows.map { NDJSON.buffer(WorkloadLine(row: $0)) }))
    }
}
