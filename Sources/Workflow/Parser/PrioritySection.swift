/// Reads `priority:`, the workflow's priority scale, most urgent first.
///
/// ```yaml
/// priority: {values: [p1, p2, p3, p4], default: p3}
/// ```
enum PrioritySection {
    /// Reads the section; a workflow without one takes any priority text, as before scales.
    /// - Returns: The scale, or `nil` without one or when it has problems (reported).
    static func read(_ node: SourceNode?, problems: inout LoadProblems) -> PriorityScale? {
        guard let node, !node.isNull else { return nil }
        return problems.attempt { () throws(WorkflowLoadError) in try parse(node) }
    }

    private static func parse(_ node: SourceNode) throws(WorkflowLoadError) -> PriorityScale {
        let mapping = try node.mapping(context: "priority")
        try mapping.allowOnly(["values", "default"])
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
        return PriorityScale(values: values, defaultValue: defaultValue)
    }
}
