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

    /// Reads the header keys of a workflow's top-level mapping, each on its own.
    /// - Returns: `nil` when any of them has a problem (each is reported).
    init?(_ root: SourceMapping, problems: inout LoadProblems) {
        let name = problems.attempt { () throws(WorkflowLoadError) in try Self.workflowName(root.require("workflow")) }
        let key = problems.attempt { () throws(WorkflowLoadError) in try Self.taskKey(root.require("key")) }
        let title = problems.attempt { () throws(WorkflowLoadError) in try root.value("title")?.string() }
        let team = problems.attempt { () throws(WorkflowLoadError) in try root.require("team").string() }
        let calendar = problems.attempt { () throws(WorkflowLoadError) -> NameAt? in
            guard let node = root.value("calendar") else { return nil }
            return NameAt(name: try node.string(), line: node.line)
        }
        guard let name, let key, let title, let team, let calendar else { return nil }
        self.name = name
        self.key = key
        self.title = title ?? name.name
        self.team = team
        self.calendar = calendar
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
