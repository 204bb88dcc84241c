import Workflow

/// The order `opsline workflow apply` publishes files in: a workflow after the workflows its
/// states spawn, when those are among the files too (the server refuses a spawn of a workflow
/// it does not know), else in the order given.
struct WorkflowApplyPlan {
    /// One file to publish.
    struct Item {
        /// The file.
        let file: WorkflowSourceFile
        /// Its `workflow:` name, or `nil` when the file has none that can be read.
        let name: String?
    }

    /// The files, in publishing order.
    let items: [Item]

    /// Orders `files`.
    init(_ files: [WorkflowSourceFile]) {
        let items = files.map { Item(file: $0, name: $0.declaredWorkflowName) }
        var children: [String: [String]] = [:]
        for item in items {
            guard let name = item.name, let definition = try? WorkflowParser.parse(item.file.text, file: item.file.path)
            else { continue }
            children[name] = definition.states.flatMap(\.spawns).map(\.workflow)
        }
        var ordered: [Item] = []
        var visited: Set<String> = []
        func visit(_ item: Item) {
            guard !visited.contains(item.file.path) else { return }
            visited.insert(item.file.path)
            for child in children[item.name ?? ""] ?? [] {
                if let childItem = items.first(where: { $0.name == child }) { visit(childItem) }
            }
            ordered.append(item)
        }
        items.forEach(visit)
        self.items = ordered
    }
}
