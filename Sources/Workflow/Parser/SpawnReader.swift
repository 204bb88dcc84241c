/// Reads a state's `on_enter: {spawn: [...]}`: the child tasks created on entering it.
struct SpawnReader {
    /// The state being read.
    let state: String

    private var context: String { "state '\(state)' on_enter" }

    /// Parses the `on_enter:` mapping.
    func parse(_ node: SourceNode) throws(WorkflowLoadError) -> [SpawnSite] {
        let mapping = try node.mapping(context: context)
        try mapping.allowOnly(["spawn"])
        var sites: [SpawnSite] = []
        for (index, item) in try mapping.require("spawn").sequence(of: "child tasks").enumerated() {
            sites.append(try parseChild(item, number: index + 1))
        }
        return sites
    }

    private func parseChild(_ node: SourceNode, number: Int) throws(WorkflowLoadError) -> SpawnSite {
        let mapping = try node.mapping(context: "\(context) spawn \(number)")
        try mapping.allowOnly(["workflow", "title", "team", "fields"])
        let workflowNode = try mapping.require("workflow")
        let workflow = try workflowNode.string()
        guard NameRules.isWorkflowName(workflow) else {
            throw workflowNode.error("workflow name '\(workflow)' must use only a-z, 0-9 and '-'")
        }
        let title = try mapping.require("title").string()
        let team = try mapping.value("team")?.string()
        var fields: [String: JSONValue] = [:]
        var fieldLines: [String: Int] = [:]
        if let fieldsNode = mapping.value("fields") {
            let values = try fieldsNode.mapping(context: "\(mapping.context) fields", allowingNull: true)
            for entry in values.entries {
                fields[entry.key] = YAMLValue.json(entry.value, as: nil)
                fieldLines[entry.key] = entry.keyLine
            }
        }
        return SpawnSite(
            state: state,
            child: SpawnedChild(workflow: workflow, title: title, team: team, fields: fields),
            workflowLine: workflowNode.line,
            fieldLines: fieldLines,
            line: node.line
        )
    }
}
