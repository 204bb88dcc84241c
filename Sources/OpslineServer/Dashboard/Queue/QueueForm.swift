import OpslineStore
import Workflow

/// The values of a queue page's filter form: a GET form whose fields are the query parameters
/// of `GET /v1/tasks`, each showing what the page's address says now.
struct QueueForm {
    let query: QueueQuery
    let workflow: WorkflowDefinition
    let caller: Principal

    /// The values the template reads under `form`, plus `filtered` (whether any filter is set).
    var values: [String: Any] {
        let states = workflow.states.map { state in
            [
                "value": state.name, "label": state.title.map { "\($0) (\(state.name))" } ?? state.name,
                "selected": query.value("state") == state.name,
            ] as [String: Any]
        }
        var form: [String: Any] = [
            "states": states,
            "team": query.value("team"), "assignee": query.value("assignee"), "q": query.value("q"),
            "priority": query.value("priority"),
            "open": choices("open", [("true", "open"), ("false", "closed")]),
            "breached": choices("breached", [("true", "breached"), ("false", "not breached")]),
            "unassigned": choices("unassigned", [("true", "unassigned only"), ("false", "assigned only")]),
            "teams": Array(Set(caller.memberships.map(\.team) + [workflow.team])).sorted(),
        ]
        form["sorts"] = sorts
        // Kept by the form when the address has it; left out, not "", when not (Mustache counts
        // an empty string as present).
        if !query.value("limit").isEmpty { form["limit"] = query.value("limit") }
        if let scale = workflow.priority {
            form["hasPriorities"] = true
            form["priorities"] = scale.values.map {
                ["value": $0, "selected": query.value("priority") == $0] as [String: Any]
            }
        }
        let filterNames: Set<String> = ["state", "team", "assignee", "priority", "open", "breached", "unassigned", "q"]
        return [
            "form": form,
            "filtered": query.given.contains { filterNames.contains($0.name) || $0.name.hasPrefix("field.") },
            "clearHref": query.path, "formAction": query.path,
        ]
    }

    /// The orders the sort select offers: the list's own, then each field with an order both
    /// ways (a risk register by score, highest first), the query's one selected.
    private var sorts: [[String: Any]] {
        var orders: [(value: String, label: String)] = [
            ("", "oldest first"), ("due", "SLA due soonest"), ("priority", "most urgent priority"),
            ("updated", "recently updated"), ("created", "newest first"),
        ]
        for field in workflow.fields {
            guard (try? FieldOrder(sort: FieldOrder.prefix + field.name, definitions: [field])) != nil else { continue }
            let title = field.title ?? field.name
            orders += [
                (FieldOrder.prefix + field.name, "\(title), ascending"),
                ("-" + FieldOrder.prefix + field.name, "\(title), descending"),
            ]
        }
        return orders.map {
            ["value": $0.value, "label": $0.label, "selected": query.value("sort") == $0.value] as [String: Any]
        }
    }

    /// A select's options: "any" (no filter), then `options`, the one the query names selected.
    private func choices(_ name: String, _ options: [(value: String, label: String)]) -> [[String: Any]] {
        let any: [String: Any] = ["value": "", "label": "any", "selected": query.value(name).isEmpty]
        return [any]
            + options.map {
                ["value": $0.value, "label": $0.label, "selected": query.value(name) == $0.value] as [String: Any]
            }
    }
}
