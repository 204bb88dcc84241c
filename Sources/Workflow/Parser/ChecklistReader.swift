/// Reads a state's `checklist:`: a list of item names, or a mapping of item names to titles,
/// in the order people should tick them.
struct ChecklistReader {
    /// The state's name.
    let state: String

    private var context: String { "state '\(state)' checklist" }

    /// Reads the items; every bad or repeated name is reported on its own line.
    /// - Returns: The items in file order; `nil` when any has a problem.
    func read(_ node: SourceNode, problems: inout LoadProblems) -> [ChecklistItem]? {
        let before = problems.count
        var items: [ChecklistItem] = []
        for (name, title) in entries(node, problems: &problems) {
            guard NameRules.checkIdentifier(name, kind: "checklist item", file: node.file, problems: &problems) else {
                continue
            }
            if items.contains(where: { $0.name == name.name }) {
                problems.report(
                    WorkflowLoadError(
                        file: node.file, line: name.line, message: "\(context) lists '\(name.name)' twice"))
            } else {
                items.append(ChecklistItem(name: name.name, title: title))
            }
        }
        if problems.count == before, items.isEmpty {
            problems.report(node.error("\(context) must list at least one item"))
        }
        return problems.count == before ? items : nil
    }

    /// The names with their titles: from a list of names, or a mapping of names to titles.
    private func entries(_ node: SourceNode, problems: inout LoadProblems) -> [(NameAt, String?)] {
        if case .mapping = node.node {
            guard
                let mapping = problems.attempt({ () throws(WorkflowLoadError) in
                    try node.mapping(context: context)
                })
            else { return [] }
            return mapping.namedValues(label: { "\(context) item '\($0)'" }).compactMap { name, value in
                let title = problems.attempt { () throws(WorkflowLoadError) in try value.string() }
                return title.map { (name, $0) }
            }
        }
        guard let names = problems.attempt({ () throws(WorkflowLoadError) in try node.names(of: "checklist items") })
        else { return [] }
        return names.map { ($0, nil) }
    }
}
