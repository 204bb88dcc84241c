import Workflow

/// The `table` output of one workflow's definition: its attributes, then its states,
/// transitions, fields, timers and SLA clocks.
public enum WorkflowDetailView {
    /// The whole block.
    public static func render(_ definition: WorkflowDefinitionLine) -> String {
        let workflow = definition.workflow
        var text = TaskDetailView.keyValues([
            ("Name", workflow.name),
            ("Title", workflow.title),
            ("Version", String(workflow.version)),
            ("Key", workflow.key),
            ("Team", workflow.team),
            ("Calendar", workflow.calendar),
            ("Published", DisplayText.time(workflow.publishedAt)),
            ("Checksum", workflow.checksum),
            ("Priorities", priorities(definition.priority)),
            ("Assignment", assignment(definition.assign)),
        ])
        text += section("States", states.render(definition.states.map(stateRow)))
        text += section("Transitions", transitions.render(definition.transitions.map(transitionRow)))
        if !definition.fields.isEmpty {
            text += section("Fields", fields.render(definition.fields.map(fieldRow)))
        }
        if !definition.timers.isEmpty {
            text += section("Timers", timers.render(definition.timers.map { [$0.in, $0.after, $0.fire] }))
        }
        if !definition.slas.isEmpty {
            let rows = definition.slas.map { slaRow($0, workflowCalendar: workflow.calendar) }
            text += section("SLAs", slas.render(rows))
        }
        return text
    }

    private static let states = TableRenderer(headers: ["STATE", "MARK", "SPAWNS", "LOCKED"], indent: "  ")
    private static let transitions = TableRenderer(headers: ["TRANSITION", "FROM", "TO", "GUARDS"], indent: "  ")
    private static let fields = TableRenderer(headers: ["FIELD", "TYPE", "REQUIRED", "DETAIL"], indent: "  ")
    private static let timers = TableRenderer(headers: ["IN", "AFTER", "FIRE"], indent: "  ")
    private static let slas = TableRenderer(
        headers: ["SLA", "TARGET", "CALENDAR", "NEW CYCLE ON ENTERING"], indent: "  ")

    /// An SLA's name, target, calendar (the workflow's when it names none), and the states that
    /// restart it (`-` for none).
    private static func slaRow(_ sla: WorkflowDefinitionLine.SLA, workflowCalendar: String) -> [String] {
        var restart: [String] = []
        if case .array(let states)? = sla.restart?["enter"] { restart = states.compactMap(\.stringValue) }
        return [
            sla.name, keyed(sla.target), sla.calendar.map(keyed) ?? workflowCalendar,
            restart.isEmpty ? "-" : restart.joined(separator: ", "),
        ]
    }

    /// `p1 > p2 > p3 (default p3)`, or `any` without a scale.
    static func priorities(_ scale: WorkflowDefinitionLine.PriorityScale?) -> String {
        guard let scale else { return "any" }
        return scale.values.joined(separator: " > ") + (scale.default.map { " (default \($0))" } ?? "")
    }

    /// `support-l2: least_loaded, others: round_robin`, or `by hand` without rules.
    static func assignment(_ rules: [WorkflowDefinitionLine.AssignmentRule]) -> String {
        guard !rules.isEmpty else { return "by hand" }
        return rules.map { "\($0.team ?? (rules.count == 1 ? "every team" : "other teams")): \($0.rule)" }
            .joined(separator: ", ")
    }

    private static func section(_ title: String, _ table: String) -> String {
        "\(title):\n" + table
    }

    private static func stateRow(_ state: WorkflowDefinitionLine.State) -> [String] {
        let mark = [state.initial ? "initial" : nil, state.final ? "final" : nil].compactMap { $0 }
        let spawns = state.spawns.map { "\($0.workflow) \"\($0.title)\"" }
        return [state.name, list(mark), list(spawns), list(state.lockedFields ?? [])]
    }

    /// `to` as `state`, or a choice as `score >= 15 ? review : strategy`.
    static func transitionRow(_ transition: WorkflowDefinitionLine.Transition) -> [String] {
        var guards: [String] = []
        if !transition.require.isEmpty { guards.append("requires " + transition.require.joined(separator: ", ")) }
        if !transition.roles.isEmpty { guards.append("roles " + transition.roles.joined(separator: ", ")) }
        if let when = transition.when { guards.append("when \(when)") }
        if transition.children == "done" { guards.append("children done") }
        return [
            transition.name, transition.from.joined(separator: ", "), target(transition.to),
            guards.joined(separator: "; ").isEmpty ? DisplayText.none : guards.joined(separator: "; "),
        ]
    }

    private static func target(_ to: JSONValue) -> String {
        guard case .array(let branches) = to else { return DisplayText.value(to) }
        return branches.map { branch in
            let state = branch["state"].map(DisplayText.value) ?? "?"
            guard let when = branch["when"]?.stringValue else { return state }
            return "\(when) ? \(state)"
        }.joined(separator: " : ")
    }

    /// A value or a value per field value: `4h`, or `by severity: p1 30m, p2 2h`, with any
    /// `default` last.
    private static func keyed(_ value: JSONValue) -> String {
        guard case .object(var byValue) = value else { return DisplayText.value(value) }
        if let deadline = byValue["deadline"] { return "the end of the date in \(DisplayText.value(deadline))" }
        let field = byValue.removeValue(forKey: "by").map(DisplayText.value) ?? "?"
        let fallback = byValue.removeValue(forKey: "default")
        var pairs = byValue.keys.sorted().map { "\($0) \(DisplayText.value(byValue[$0] ?? .null))" }
        if let fallback { pairs.append("default \(DisplayText.value(fallback))") }
        return "by \(field): " + pairs.joined(separator: ", ")
    }

    private static func fieldRow(_ field: WorkflowDefinitionLine.Field) -> [String] {
        var detail: [String] = []
        if let values = field.values { detail.append("values " + values.joined(separator: ", ")) }
        if let items = field.items { detail.append("items \(items["type"].map(DisplayText.value) ?? "?")") }
        if let value = field.default { detail.append("default \(DisplayText.value(value))") }
        if let min = field.min { detail.append("min \(DisplayText.value(min))") }
        if let max = field.max { detail.append("max \(DisplayText.value(max))") }
        if let compute = field.compute { detail.append("= \(compute)") }
        return [field.name, field.type, field.required ? "yes" : "no", list(detail, separator: "; ")]
    }

    private static func list(_ items: [String], separator: String = ", ") -> String {
        items.isEmpty ? DisplayText.none : items.joined(separator: separator)
    }
}
