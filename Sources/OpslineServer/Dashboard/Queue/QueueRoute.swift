import Hummingbird
import OpslineStore
import Workflow

/// `/ui/queues/{workflow}`: the workflow's tasks the caller sees, as a sortable table with the
/// filters of `GET /v1/tasks` (the same store call over the same ``TaskFilter``, so a member sees
/// exactly what the API shows them: their teams' tasks).
struct QueueRoute {
    let tasks: TaskStore
    let events: EventLog
    let pages: DashboardPages

    /// The columns a header link sorts by, with the order each asks for (nil: oldest first).
    static let sortableColumns: [(key: String, label: String, sort: TaskSort?)] = [
        ("id", "Task", nil), ("priority", "Priority", .priority), ("sla", "SLA left", .due),
        ("updated", "Updated", .updated),
    ]

    @Sendable func show(_ request: Request, context: SignedInRequestContext) async throws -> Response {
        let caller = context.caller
        try AccessPolicy.checkRole(caller, .read)
        let name = try context.parameters.require("workflow")
        guard let workflow = try await tasks.catalog.latestPublished(name) else {
            throw PageError(status: .notFound, heading: "Not found", message: "There is no workflow called \(name).")
        }
        let now = tasks.clock.now
        let query = try QueueQuery(
            workflow: name, request: request, caller: caller, catalog: tasks.catalog, now: now)
        // Read before the tasks: a change after this is an event the live script still receives.
        let liveAfter = try await events.lastSeq()
        var records: [TaskRecord] = []
        for try await task in try await tasks.list(query.filter) { records.append(task) }
        let hasMore = records.count > query.pageSize
        records = Array(records.prefix(query.pageSize))
        let total = try await tasks.count(query.filter)
        let sortField = Self.sortField(query.filter.sort, of: workflow.definition)
        let rows = records.map { task in
            var row = QueueRow(
                task: task,
                calendars: tasks.catalog.slaCalendars(forWorkflow: task.workflow, version: task.workflowVersion),
                book: tasks.catalog.calendars, now: now
            ).values
            if let sortField { row["sortValue"] = Self.text(task.fields[sortField.name]) }
            return row
        }
        var values = QueueForm(query: query, workflow: workflow.definition, caller: caller).values
        values["workflow"] = name
        values["workflowTitle"] = workflow.definition.title
        values["workflowHref"] = "/ui/workflows/" + QueueQuery.encoded(name)
        values["liveAfter"] = String(liveAfter)
        values["rows"] = rows
        values["hasRows"] = !rows.isEmpty
        values["total"] = total == 1 ? "1 task" : "\(total) tasks"
        values["columns"] = columns(query)
        if let sortField {
            values["sortField"] = [
                "label": sortField.label, "ariaSort": sortField.descending ? "descending" : "ascending",
                "arrow": sortField.descending ? "▼" : "▲",
            ]
        }
        if hasMore, let last = records.last { values["nextPage"] = query.url(["after": last.id]) }
        if query.filter.after != nil { values["firstPage"] = query.url(["after": nil]) }
        return pages.render("queue", values, bar: context.bar)
    }

    /// The field a page sorted by a field's value shows as a column of its own (the risk
    /// register's score): its name, label and direction.
    private static func sortField(
        _ sort: TaskSort, of definition: WorkflowDefinition
    ) -> (name: String, label: String, descending: Bool)? {
        guard case .field(let order) = sort else { return nil }
        let title = definition.field(named: order.name)?.title ?? order.name
        return (order.name, title, order.descending)
    }

    /// A field's value as a cell shows it; "none" without one.
    private static func text(_ value: JSONValue?) -> String {
        switch value {
        case .string(let text)?: text
        case .int(let number)?: String(number)
        case .double(let number)?: number.rounded() == number ? String(Int64(number)) : String(number)
        case .bool(let flag)?: flag ? "yes" : "no"
        default: "none"
        }
    }

    /// The header links: each column's address, and which one the page is sorted by.
    private func columns(_ query: QueueQuery) -> [String: Any] {
        var columns: [String: Any] = [:]
        for column in Self.sortableColumns {
            let current = query.filter.sort == (column.sort ?? .oldestFirst)
            columns[column.key] =
                [
                    "href": query.sorted(by: column.sort), "label": column.label,
                    "ariaSort": current ? ((column.sort?.isDescending ?? false) ? "descending" : "ascending") : "none",
                    "current": current,
                ] as [String: Any]
        }
        return columns
    }
}
