import Foundation
import Hummingbird
import OpslineStore
import Workflow

/// `/v1/sla`: managers' views over SLA clocks. Readable by every role that reads tasks, and
/// scoped like the task list: non-admins see only their teams' tasks' clocks.
struct SLARoutes {
    let reports: ReportStore
    let catalog: WorkflowCatalog

    /// The window `GET /v1/sla/at-risk` looks ahead when `within` is not given.
    static let defaultWindow = WorkDuration(seconds: 2 * 3600)

    /// Adds the routes to the authenticated `/v1` group.
    func register(on v1: RouterGroup<AuthenticatedRequestContext>) {
        let group = v1.group("sla")
        group.get("breaches", query: ["team", "workflow", "policy", "since", "open", "limit"], use: breaches)
        group.get("at-risk", query: ["within", "team", "workflow", "policy", "limit"], use: atRisk)
    }

    /// `GET /v1/sla/breaches?team=&workflow=&policy=&since=&open=&limit=`: one line per breached
    /// clock, newest breach first, streamed.
    @Sendable func breaches(_ request: Request, context: AuthenticatedRequestContext) async throws -> Response {
        let caller = context.caller
        try AccessPolicy.checkRole(caller, .read)
        let query = QueryValues(request)
        var filter = BreachFilter(scope: AccessPolicy.teamScope(caller))
        filter.team = query.string("team")
        filter.workflow = query.string("workflow")
        filter.policy = query.string("policy")
        filter.since = try query.time("since")
        filter.open = try query.bool("open")
        filter.limit = try query.limit()
        let now = reports.clock.now
        return try await StreamedLines.response(reports.breaches(filter), logger: context.logger) { [catalog] in
            ClockLine(record: $0, catalog: catalog, now: now)
        }
    }

    /// `GET /v1/sla/at-risk?within=2h&team=&workflow=&policy=&limit=`: running clocks, not yet
    /// breached, due within the window (wall-clock time from now), soonest first, streamed.
    @Sendable func atRisk(_ request: Request, context: AuthenticatedRequestContext) async throws -> Response {
        let caller = context.caller
        try AccessPolicy.checkRole(caller, .read)
        let query = QueryValues(request)
        let within = try query.duration("within") ?? Self.defaultWindow
        let now = reports.clock.now
        var filter = AtRiskFilter(
            horizon: now.addingTimeInterval(TimeInterval(within.seconds)), scope: AccessPolicy.teamScope(caller))
        filter.team = query.string("team")
        filter.workflow = query.string("workflow")
        filter.policy = query.string("policy")
        filter.limit = try query.limit()
        return try await StreamedLines.response(reports.atRisk(filter), logger: context.logger) { [catalog] in
            ClockLine(record: $0, catalog: catalog, now: now)
        }
    }
}
