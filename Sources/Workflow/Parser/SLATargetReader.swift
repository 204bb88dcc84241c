/// Reads an SLA `target:`: one duration, or one per value of an enum field.
struct SLATargetReader {
    /// How messages name the policy, e.g. `sla 'resolution'`.
    let context: String
    /// The workflow's fields.
    let fields: [FieldDefinition]

    /// Parses `target: 4h` or `target: {by: severity, p1: 30m, p2: 2h, p3: 8h}`.
    func parse(_ node: SourceNode) throws(WorkflowLoadError) -> SLAPolicy.Target {
        guard case .mapping = node.node else { return .fixed(try node.duration()) }
        let mapping = try node.mapping(context: "\(context) target")
        let byNode = try mapping.require("by")
        let field = try keyField(byNode)
        guard case .enumeration(let values) = field.type else {
            throw byNode.error(
                "\(context) target is keyed by '\(field.name)', which is not an enum field")
        }
        var durations: [String: WorkDuration] = [:]
        for entry in mapping.entries where entry.key != "by" {
            guard values.contains(entry.key) else {
                throw WorkflowLoadError(
                    file: node.file,
                    line: entry.keyLine,
                    message: "\(context) target has a duration for '\(entry.key)', "
                        + "which is not a value of '\(field.name)' (\(values.joined(separator: ", ")))"
                )
            }
            durations[entry.key] = try mapping.value(entry.key)?.duration()
        }
        if let missing = values.first(where: { durations[$0] == nil }) {
            throw node.error("\(context) target has no duration for \(field.name) '\(missing)'")
        }
        return .keyed(field: field.name, durations: durations)
    }

    private func keyField(_ node: SourceNode) throws(WorkflowLoadError) -> FieldDefinition {
        let name = try node.string()
        guard let field = fields.first(where: { $0.name == name }) else {
            throw node.error("\(context) target is keyed by unknown field '\(name)'")
        }
        return field
    }
}
