/// Reads `priority:`, the workflow's priority scale, most urgent first.
///
/// ```yaml
/// priority: {values: [p1, p2, p3, p4], default: p3, from: severity}
/// ```
enum PrioritySection {
    /// Reads the section; a workflow without one takes any priority text, as before scales.
    /// - Returns: The scale, or `nil` without one or when it has problems (reported).
    static func read(
        _ node: SourceNode?, fields: Declared<FieldDefinition>, problems: inout LoadProblems
    ) -> PriorityScale? {
        guard let node, !node.isNull else { return nil }
        return problems.attempt { () throws(WorkflowLoadError) in try parse(node, fields: fields) }
    }

    private static func parse(
        _ node: SourceNode, fields: Declared<FieldDefinition>
    ) throws(WorkflowLoadError) -> PriorityScale {
        let mapping = try node.mapping(context: "priority")
        try mapping.allowOnly(["values", "default", "from"])
        let valuesNode = try mapping.require("values")
        var values: [String] = []
        for item in try valuesNode.sequence(of: "priority values") {
            let value = try item.string()
            guard NameRules.isIdentifier(value) else {
                throw item.error("priority value '\(value)' must start with a-z and use only a-z, 0-9 and '_'")
            }
            guard !values.contains(value) else { throw item.error("priority value '\(value)' is listed twice") }
            values.append(value)
        }
        guard !values.isEmpty else { throw valuesNode.error("priority values must not be empty") }
        var defaultValue: String?
        if let defaultNode = mapping.value("default") {
            let value = try defaultNode.string()
            guard values.contains(value) else {
                throw defaultNode.error(
                    "priority default '\(value)' is not one of the values (\(values.joined(separator: ", ")))")
            }
            defaultValue = value
        }
        let field = try mapping.value("from").map { node throws(WorkflowLoadError) in
            try sourceField(node, values: values, fields: fields)
        }
        return PriorityScale(values: values, defaultValue: defaultValue, field: field)
    }

    /// The `from` field: an `enum` field every value of which is a priority.
    private static func sourceField(
        _ node: SourceNode, values: [String], fields: Declared<FieldDefinition>
    ) throws(WorkflowLoadError) -> String {
        let name = try node.string()
        guard fields.declares(name) else { throw node.error("priority from unknown field '\(name)'") }
        // A field with problems of its own was reported where it is declared.
        guard let field = fields.named(name) else { return name }
        guard case .enumeration(let options) = field.type else {
            throw node.error("priority from field '\(name)', which is \(field.type); it must be an enum field")
        }
        let off = options.filter { !values.contains($0) }
        guard off.isEmpty else {
            throw node.error(
                "priority from field '\(name)': its value(s) \(off.joined(separator: ", ")) are not priorities "
                    + "(\(values.joined(separator: ", ")))")
        }
        return name
    }
}
