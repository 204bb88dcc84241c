import OpslineStore
import Workflow

/// A workflow definition as the values of the workflow page: its fields, states, transitions,
/// timers and SLA policies in the file's order, every part in words (what the document line of
/// `GET /v1/workflows/{name}` carries, written for people).
struct WorkflowPageValues {
    let definition: WorkflowDefinition

    /// The values. A text a template tests with a section (`{{#pause}}`) is left out when empty:
    /// Mustache counts an empty string as present. Rows name their own title (`fieldTitle`, not
    /// `title`), so a row without one does not show the workflow's, which Mustache would find in
    /// the context around it.
    var values: [String: Any] {
        var values: [String: Any] = [
            "fields": definition.fields.map(field), "states": definition.states.map(state),
            "transitions": definition.transitions.map(transition), "timers": definition.timers.map(timer),
            "slas": definition.slas.map(sla), "hasTimers": !definition.timers.isEmpty,
            "hasSLAs": !definition.slas.isEmpty, "hasFields": !definition.fields.isEmpty,
        ]
        values["priorities"] = definition.priority.map { scale in
            scale.values.joined(separator: ", ") + (scale.defaultValue.map { " (default \($0))" } ?? "")
        }
        values["assignment"] = Self.nonEmpty(
            definition.assignment.map { rule in rule.kind.rawValue + (rule.team.map { " in \($0)" } ?? "") }
                .joined(separator: "; "))
        return values
    }

    /// `text`, or nil when it is empty.
    private static func nonEmpty(_ text: String) -> String? {
        text.isEmpty ? nil : text
    }

    private func field(_ field: FieldDefinition) -> [String: Any] {
        var values: [String: Any] = ["name": field.name, "type": field.type.description, "required": field.required]
        values["fieldTitle"] = field.title
        values["values"] = Self.enumValues(field.type)
        var notes: [String] = []
        if let value = field.defaultValue { notes.append("default \(Self.text(value))") }
        if let min = field.min { notes.append("at least \(Self.number(min))") }
        if let max = field.max { notes.append("at most \(Self.number(max))") }
        if let compute = field.compute { notes.append("computed: \(compute.text)") }
        values["notes"] = notes.joined(separator: "; ")
        return values
    }

    private func state(_ state: StateDefinition) -> [String: Any] {
        var values: [String: Any] = [
            "name": state.name, "initial": state.isInitial, "final": state.isFinal,
            "locked": state.lockedFields.joined(separator: ", "), "notify": state.notify.joined(separator: ", "),
            "spawns": state.spawns.map { child in
                "\(child.workflow): \(child.title)" + (child.team.map { " (team \($0))" } ?? "")
            }.joined(separator: "; "),
        ]
        values["stateTitle"] = state.title
        return values
    }

    private func transition(_ transition: TransitionDefinition) -> [String: Any] {
        let guards = transition.guards
        var values: [String: Any] = [
            "name": transition.name, "from": transition.from.joined(separator: ", "),
            "require": guards.require.joined(separator: ", "),
            "roles": guards.roles.map(\.rawValue).joined(separator: ", "),
            "childrenDone": guards.requiresChildrenDone,
        ]
        values["transitionTitle"] = transition.title
        values["when"] = guards.when?.text
        switch transition.to {
        case .state(let state):
            values["to"] = state
        case .choice(let branches):
            values["to"] = branches.map { branch in
                branch.when.map { "\(branch.state) when \($0.text)" } ?? "otherwise \(branch.state)"
            }.joined(separator: "; ")
        }
        return values
    }

    private func timer(_ timer: StateTimer) -> [String: Any] {
        ["in": timer.state, "after": timer.after.description, "fire": timer.fire]
    }

    private func sla(_ policy: SLAPolicy) -> [String: Any] {
        var values: [String: Any] = [
            "name": policy.name, "stop": policy.stop.joined(separator: ", "), "calendar": calendar(policy.calendar),
            "hasEscalations": !policy.escalations.isEmpty,
            "escalations": policy.escalations.enumerated().map { index, level in escalation(index + 1, level) },
        ]
        values["pause"] = Self.nonEmpty(policy.pause.joined(separator: ", "))
        values["restart"] = Self.nonEmpty(policy.restart.joined(separator: ", "))
        values["warn"] = policy.warnPercent.map { "at \($0)% of the target" }
        values["notify"] = Self.nonEmpty(
            (policy.notify.warning.map { "warning: \($0)" } + policy.notify.breach.map { "breach: \($0)" })
                .joined(separator: ", "))
        switch policy.start {
        case .created: values["start"] = "when the task is created"
        case .entering(let states): values["start"] = "on entering " + states.joined(separator: ", ")
        }
        values["target"] = Self.describe(policy.target)
        return values
    }

    /// The calendar a policy counts in: its own, by a field, or the workflow's.
    private func calendar(_ choice: SLAPolicy.CalendarChoice?) -> String {
        switch choice {
        case nil:
            return (definition.calendar ?? WorkflowLine.defaultCalendar) + " (the workflow's)"
        case .named(let name):
            return name
        case .keyed(let field, let calendars, let fallback):
            let each = calendars.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
            return "by \(field): " + (each + (fallback.map { ["otherwise \($0)"] } ?? [])).joined(separator: ", ")
        }
    }

    private func escalation(_ number: Int, _ level: EscalationLevel) -> [String: Any] {
        var actions: [String] = []
        if let team = level.team { actions.append("to team \(team)") }
        if let assignee = level.assignee { actions.append("to \(assignee)") }
        switch level.priority {
        case .raise?: actions.append("raise the priority")
        case .set(let priority)?: actions.append("priority \(priority)")
        case nil: break
        }
        if let fire = level.fire { actions.append("fire \(fire)") }
        if !level.notify.isEmpty { actions.append("notify " + level.notify.joined(separator: ", ")) }
        let after = level.after.seconds == 0 ? "at the breach" : "\(level.after.description) after the breach"
        return ["level": number, "after": after, "actions": actions.joined(separator: ", ")]
    }

    private static func enumValues(_ type: FieldType) -> String {
        switch type {
        case .enumeration(let values): values.joined(separator: ", ")
        case .list(let items): enumValues(items)
        default: ""
        }
    }

    private static func text(_ value: JSONValue) -> String {
        if case .string(let text) = value { return text }
        return value.jsonText
    }

    private static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 9e15 ? String(Int64(value)) : String(value)
    }

    /// A target in words: `4h`, `by severity: p1 30m, p2 2h`, `the end of the date in due_date`,
    /// or its goals, `when tier == 'vip': …; otherwise …`.
    static func describe(_ target: SLAPolicy.Target) -> String {
        switch target {
        case .fixed(let duration):
            return duration.description
        case .keyed(let field, let durations):
            return "by \(field): "
                + durations.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value.description)" }.joined(
                    separator: ", ")
        case .deadline(let field):
            return "the end of the date in \(field)"
        case .goals(let goals):
            return goals.map { goal in
                (goal.when.map { "when \($0.text): " } ?? "otherwise ") + describe(goal.target)
            }.joined(separator: "; ")
        }
    }
}
