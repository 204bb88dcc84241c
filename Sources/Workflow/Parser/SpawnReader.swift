/// Reads a state's `on_enter: {spawn: [...], notify: [...]}`: the child tasks created and the
/// receivers told on entering it.
struct SpawnReader {
    /// The state being read.
    let state: String

    private var context: String { "state '\(state)' on_enter" }

    /// What entering the state does.
    struct OnEnter {
        /// The children spawned, with their lines.
        var spawns: [SpawnSite] = []
        /// The receivers told.
        var notify: [ReceiverUse] = []
    }

    /// Parses the `on_enter:` mapping; it must spawn or notify.
    func parse(_ node: SourceNode) throws(WorkflowLoadError) -> OnEnter {
        let mapping = try node.mapping(context: context)
        try mapping.allowOnly(["spawn", "notify"])
        var onEnter = OnEnter()
        if let spawn = mapping.value("spawn") {
            for (index, item) in try spawn.sequence(of: "child tasks").enumerated() {
                onEnter.spawns.append(try parseChild(item, number: index + 1))
            }
        }
        if let notify = mapping.value("notify") {
            onEnter.notify = try NotifyReader(context: context).read(notify)
        }
        guard mapping.value("spawn") != nil || mapping.value("notify") != nil else {
            throw node.error("\(context) does nothing; give it spawn: [children] or notify: [receivers]")
        }
        return onEnter
    }

    private func parseChild(_ node: SourceNode, number: Int) throws(WorkflowLoadError) -> SpawnSite {
        let mapping = try node.mapping(context: "\(context) spawn \(number)")
        try mapping.allowOnly(["workflow", "title", "team", "fields", "link", "dates"])
        let workflowNode = try mapping.require("workflow")
        let workflow = try workflowNode.string()
        guard NameRules.isWorkflowName(workflow) else {
            throw workflowNode.error("workflow name '\(workflow)' must use only a-z, 0-9 and '-'")
        }
        let title = try mapping.require("title").string()
        let team = try mapping.value("team")?.string()
        var link: LinkType?
        if let linkNode = mapping.value("link") {
            let name = try linkNode.string()
            guard let type = LinkType(rawValue: name), LinkType.creatable.contains(type) else {
                let known = LinkType.creatable.map(\.rawValue).joined(separator: ", ")
                throw linkNode.error("\(linkNode.label) must be one of \(known), not '\(name)'")
            }
            link = type
        }
        var fields: [String: JSONValue] = [:]
        var fieldLines: [String: Int] = [:]
        if let fieldsNode = mapping.value("fields") {
            let values = try fieldsNode.mapping(context: "\(mapping.context) fields", allowingNull: true)
            for entry in values.entries {
                fields[entry.key] = YAMLValue.json(entry.value, as: nil)
                fieldLines[entry.key] = entry.keyLine
            }
        }
        let dates = try self.dates(mapping)
        return SpawnSite(
            state: state,
            child: SpawnedChild(
                workflow: workflow, title: title, team: team, fields: fields, link: link, dates: dates.rules),
            dateLines: dates.lines,
            workflowLine: workflowNode.line,
            fieldLines: fieldLines,
            line: node.line
        )
    }

    /// `dates: {child_field: "parent_field - 5d"}`.
    private func dates(
        _ mapping: SourceMapping
    ) throws(WorkflowLoadError) -> (rules: [String: ParentDate], lines: [String: Int]) {
        guard let node = mapping.value("dates") else { return ([:], [:]) }
        var result: ([String: ParentDate], [String: Int]) = ([:], [:])
        let dates = try node.mapping(context: "\(mapping.context) dates")
        for (name, value) in dates.namedValues(label: { "\(mapping.context) date '\($0)'" }) {
            let text = try value.string()
            guard let rule = ParentDate(parsing: text) else {
                throw value.error(
                    "\(value.label) must be a date field of the parent, optionally with working days added or "
                        + "taken away ('launch_date - 5d'), not '\(text)'")
            }
            result.0[name.name] = rule
            result.1[name.name] = name.line
        }
        return result
    }
}
