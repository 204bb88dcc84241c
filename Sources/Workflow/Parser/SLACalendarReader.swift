/// Reads an SLA's `calendar:`: one calendar's name, or a calendar per value of an enum field.
struct SLACalendarReader {
    /// How messages name the policy, e.g. `sla 'resolution'`.
    let context: String
    /// The workflow's fields.
    let fields: Declared<FieldDefinition>

    /// Parses `calendar: 24x7` or `calendar: {by: severity, p1: 24x7, default: support-hours}`.
    /// - Returns: The choice, and every calendar name it gives with its line, for the checks
    ///   across files (``WorkflowLibrary``: each must be defined).
    func parse(_ node: SourceNode) throws(WorkflowLoadError) -> (SLAPolicy.CalendarChoice, [NameAt]) {
        guard case .mapping = node.node else {
            let name = try calendarName(node)
            return (.named(name.name), [name])
        }
        let mapping = try node.mapping(context: "\(context) calendar")
        let byNode = try mapping.require("by")
        let field = try keyField(byNode)
        var calendars: [String: String] = [:]
        var fallback: NameAt?
        var names: [NameAt] = []
        for entry in mapping.entries where entry.key != "by" {
            guard let valueNode = mapping.value(entry.key) else { continue }
            let name = try calendarName(valueNode)
            names.append(name)
            if entry.key == "default" {
                fallback = name
                continue
            }
            if let values = field.values, !values.contains(entry.key) {
                throw WorkflowLoadError(
                    file: node.file, line: entry.keyLine,
                    message: "\(context) calendar has a calendar for '\(entry.key)', which is not a value of "
                        + "'\(field.name)' (\(values.joined(separator: ", "))); use 'default' for the rest")
            }
            calendars[entry.key] = name.name
        }
        guard !calendars.isEmpty else {
            throw node.error(
                "\(context) calendar {by: \(field.name)} names no calendar for any value of '\(field.name)'")
        }
        return (.keyed(field: field.name, calendars: calendars, fallback: fallback?.name), names)
    }

    /// The field named by `by:` and its values, when it reads (a field with problems of its own
    /// has none, and only the names are checked).
    private func keyField(_ node: SourceNode) throws(WorkflowLoadError) -> (name: String, values: [String]?) {
        let name = try node.string()
        guard fields.declares(name) else {
            throw node.error("\(context) calendar is keyed by unknown field '\(name)'")
        }
        guard let field = fields.named(name) else { return (name, nil) }
        guard case .enumeration(let values) = field.type else {
            throw node.error("\(context) calendar is keyed by '\(name)', which is not an enum field")
        }
        return (name, values)
    }

    private func calendarName(_ node: SourceNode) throws(WorkflowLoadError) -> NameAt {
        let name = try node.string()
        guard NameRules.isWorkflowName(name) else {
            throw node.error("\(context) calendar name '\(name)' must use only a-z, 0-9 and '-'")
        }
        return NameAt(name: name, line: node.line)
    }
}
