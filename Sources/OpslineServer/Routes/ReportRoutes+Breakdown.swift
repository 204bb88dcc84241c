import Hummingbird
import OpslineStore
import Workflow

extension ReportRoutes {
    /// The parameters `GET /v1/reports/breakdown` takes.
    static let breakdownParameters: QueryParameters = ["workflow", "by", "measure", "from", "to", "team"]

    /// `GET /v1/reports/breakdown?workflow=NAME&by=a,b&measure=x,y&from=&to=&team=`: the workflow's
    /// tasks grouped by one to three dimensions (`team`, `assignee`, `state`, `priority`, or a
    /// field of the workflow that is not free text), with the number fields of `measure` summed
    /// up per group; most tasks first. Over the caller's teams' tasks (admins: every team).
    @Sendable func breakdown(_ request: Request, context: AuthenticatedRequestContext) async throws -> Response {
        let caller = context.caller
        try AccessPolicy.checkRole(caller, .read)
        let (query, definition) = try Self.breakdownQuery(QueryValues(request), caller: caller, catalog: catalog)
        let rows = try await reports.breakdown(query)
        return Self.lines(rows.map { BreakdownLine(row: $0, dimensions: query.by, definition: definition) })
    }

    /// The report `values` ask for, over the tasks `caller` sees, with the workflow's definition;
    /// bad values are 400s naming the parameter, an unknown workflow a 404 (the dashboard's
    /// report page reads its query with it, so that its reports and messages are the API's).
    static func breakdownQuery(
        _ values: QueryValues, caller: Principal, catalog: WorkflowCatalog
    ) throws -> (BreakdownQuery, WorkflowDefinition) {
        let workflow = try values.required("workflow", "the workflow whose tasks to break down")
        guard let definition = catalog.latest(workflow)?.definition else {
            throw APIError.notFound("no workflow \(workflow)")
        }
        let by = try Self.breakdownDimensions(values.required("by", "one to three dimensions"), of: definition)
        var query = BreakdownQuery(workflow: workflow, by: by, scope: AccessPolicy.teamScope(caller))
        query.measures = try Self.measures(values.string("measure"), of: definition)
        query.from = try values.time("from")
        query.to = try values.time("to")
        query.team = values.string("team")
        return (query, definition)
    }

    static func breakdownDimensions(
        _ text: String, of definition: WorkflowDefinition
    ) throws -> [BreakdownQuery.Dimension] {
        let names = text.split(separator: ",", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        guard (1...3).contains(names.count) else { throw QueryValues.bad("by", "by takes one to three dimensions") }
        guard Set(names).count == names.count else { throw QueryValues.bad("by", "by names a dimension twice") }
        return try names.map { name in
            if let column = BreakdownQuery.Dimension.column(name) { return column }
            guard let field = definition.field(named: name) else {
                throw QueryValues.bad(
                    "by", "by takes team, assignee, state, priority or a field of \(definition.name); not '\(name)'")
            }
            switch field.type {
            case .text, .list, .attachment:
                throw QueryValues.bad("by", "'\(name)' is a \(field.type) field; group by a field with few values")
            default:
                return .field(name)
            }
        }
    }

    static func measures(_ text: String?, of definition: WorkflowDefinition) throws -> [String] {
        guard let text, !text.isEmpty else { return [] }
        let names = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        for name in names {
            switch definition.field(named: name)?.type {
            case .int?, .decimal?: continue
            default:
                throw QueryValues.bad(
                    "measure", "measure takes int or decimal fields of \(definition.name); not '\(name)'")
            }
        }
        return names
    }
}
