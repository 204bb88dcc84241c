/// The top of a workflow file: its name, key, title, team and calendar, with the lines that
/// checks across files point at.
struct WorkflowHeader {
    /// The workflow's name (`workflow:`).
    let name: NameAt
    /// The task id prefix (`key:`).
    let key: NameAt
    /// The human title, the name when the file has none.
    let title: String
    /// The default owning team.
    let team: String
    /// The business calendar's name, when the file names one.
    let calendar: NameAt?

    /// Reads the header keys of a workflow's top-level mapping.
    init(_ root: SourceMapping) throws(WorkflowLoadError) {
        name = try Self.workflowName(root.require("workflow"))
        key = try Self.taskKey(root.require("key"))
        title = try root.value("title")?.string() ?? name.name
        team = try root.require("team").string()
        if let node = root.value("calendar") {
            calendar = NameAt(name: try node.string(), line: node.line)
        } else {
            calendar = nil
        }
    }

    private static func workflowName(_ node: SourceNode) throws(WorkflowLoadError) -> NameAt {
        let name = try node.string()
        guard NameRules.isWorkflowName(name) else {
            throw node.error("workflow name '\(name)' must use only a-z, 0-9 and '-'")
        }
        return NameAt(name: name, line: node.line)
    }

    private static func taskKey(_ node: SourceNode) throws(WorkflowLoadError) -> NameAt {
        let key = try node.string()
        guard NameRules.isTaskKey(key) else {
            throw node.error(
                "key '\(key)' must be upper-case letters and digits starting with a letter, e.g. CMP")
        }
        return NameAt(name: key, line: node.line)
    }
}
