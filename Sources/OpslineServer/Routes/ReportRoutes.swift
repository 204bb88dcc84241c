import Hummingbird
import OpslineStore
import Workflow

/// `/v1/reports`: SLA compliance per group, time spent per state, workload, and tasks broken
/// down by their fields. Readable by every role that
/// reads tasks, over their teams' tasks only (admins: every team).
struct ReportRoutes {
    let reports: ReportStore
    let catalog: WorkflowCatalog

    /// Adds the routes to the authenticated `/v1` group.
    func register(on v1: RouterGroup<AuthenticatedRequestContext>) {
        let group = v1.group("reports")
        group.get("sla", query: ["by", "from", "to", "team", "workflow"], use: sla)
        group.get("flow", query: ["workflow", "from", "to", "team"], use: flow)
        group.get("workload", query: ["team", "within"], use: workload)
        group.get("breakdown", query: Self.breakdownParameters, use: breakdown)
    }

    /// `GET /v1/reports/sla?by=team,workflow,policy,cycle&from=&to=&team=&workflow=`: one line per
    /// group; `team` (grouped or filtered by) is the team the clocks are charged to.
    @Sendable func sla(_ request: Request, context: AuthenticatedRequestContext) async throws -> Response {
        let caller = context.caller
        try AccessPolicy.checkRole(caller, .read)
        let values = QueryValues(request)
        let by = try Self.dimensions(values.string("by"))
        var query = SLAReportQuery(by: by, scope: AccessPolicy.teamScope(caller))
        query.from = try values.time("from")
        query.to = try values.time("to")
        query.team = values.string("team")
        query.workflow = values.string("workflow")
        let rows = try await reports.slaCompliance(query)
        return Self.lines(rows.map { SLAReportLine(row: $0, by: by) })
    }

    /// `GET /v1/reports/flow?workflow=NAME&from=&to=&team=`: one line per state, most time first.
    @Sendable func flow(_ request: Request, context: AuthenticatedRequestContext) async throws -> Response {
        let caller = context.caller
        try AccessPolicy.checkRole(caller, .read)
        let values = QueryValues(request)
        let workflow = try values.required("workflow", "the workflow whose states to report")
        guard catalog.latest(workflow) != nil else { throw APIError.notFound("no workflow \(workflow)") }
        var query = FlowReportQuery(workflow: workflow, scope: AccessPolicy.teamScope(caller))
        query.from = try values.time("from")
        query.to = try values.time("to")
        query.team = values.string("team")
        let rows = try await reports.flow(query)
        return Self.lines(rows.map { FlowStateLine(workflow: workflow, row: $0) })
    }

    /// `by`: comma-separated dimension names, each at most once; absent or empty: none.
    static func dimensions(_ text: String?) throws -> [SLAReportDimension] {
        guard let text else { return [] }
        var dimensions: [SLAReportDimension] = []
        for name in text.split(separator: ",", omittingEmptySubsequences: false) {
            let name = name.trimmingCharacters(in: .whitespaces)
            guard let dimension = SLAReportDimension(rawValue: name) else {
                let known = SLAReportDimension.allCases.map(\.rawValue).joined(separator: ", ")
                throw QueryValues.bad("by", "by takes a comma-separated list of \(known); not '\(name)'")
            }
            guard !dimensions.contains(dimension) else {
                throw QueryValues.bad("by", "by names \(name) twice")
            }
            dimensions.append(dimension)
        }
        return dimensions
    }

    /// A report's lines: a handful of groups, aggregated by PostgreSQL, written at once.
    static func lines(_ lines: [some Encodable]) -> Response {
        Response(
            status: .ok, headers: [.contentType: NDJSON.contentType],
            body: .init(contentsOf: lines.map { NDJSON.buffer($0) }))
    }
}
