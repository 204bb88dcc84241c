import Foundation
import Hummingbird
import OpslineStore
import Workflow

/// `/ui/reports/breakdown?workflow=&by=&measure=&team=&from=&to=`: the breakdown report of
/// `GET /v1/reports/breakdown` for the signed-in caller (the same query, read by the same
/// ``ReportRoutes/breakdownQuery(_:caller:catalog:)``, so a member sees their teams' tasks and the
/// same 400s), as a table, and by two dimensions as a heat map too: the risk register's
/// likelihood × impact. Each group links to the queue of its tasks.
struct BreakdownPageRoute {
    let database: OpslineDatabase
    let pages: DashboardPages

    @Sendable func show(_ request: Request, context: SignedInRequestContext) async throws -> Response {
        let caller = context.caller
        try AccessPolicy.checkRole(caller, .read)
        try ReportRoutes.breakdownParameters.check(request)
        // Read as a form reads it (a GET form sends a space as `+`); an empty field is no value.
        let given = try FormBody(text: request.uri.query ?? "").fields.filter { !$0.value.isEmpty }
        func value(_ name: String) -> String { given.last { $0.name == name }?.value ?? "" }
        let catalog = database.workflows
        let workflows = try await catalog.latestPublished()
        var values: [String: Any] = [
            "workflows": workflows.map { workflow in
                [
                    "name": workflow.name, "title": workflow.definition.title,
                    "selected": workflow.name == value("workflow"),
                ] as [String: Any]
            },
            "by": value("by"), "measure": value("measure"), "team": value("team"),
        ]
        if let chosen = catalog.latest(value("workflow"))?.definition {
            values["hints"] = Self.hints(chosen)
        }
        if !value("workflow").isEmpty, !value("by").isEmpty {
            let query = Parameters(given.map { (key: Substring($0.name), value: Substring($0.value)) })
            let (breakdown, definition) = try ReportRoutes.breakdownQuery(
                QueryValues(query: query), caller: caller, catalog: catalog)
            let rows = try await database.reports.breakdown(breakdown)
            values["report"] = BreakdownPageValues(query: breakdown, definition: definition, rows: rows).values
        }
        return pages.render("breakdown", values, bar: context.bar)
    }

    /// What `by` and `measure` may name for `definition`.
    private static func hints(_ definition: WorkflowDefinition) -> [String: Any] {
        let groupable = definition.fields.filter { field in
            switch field.type {
            case .text, .list, .attachment: false
            default: true
            }
        }
        let measurable = definition.fields.filter { $0.type == .int || $0.type == .decimal }
        return [
            "dimensions": (["team", "assignee", "state", "priority"] + groupable.map(\.name)).joined(separator: ", "),
            "measures": measurable.isEmpty ? "none" : measurable.map(\.name).joined(separator: ", "),
        ]
    }
}
