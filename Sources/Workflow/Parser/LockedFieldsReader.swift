/// Reads a state's `locked_fields:`, the fields frozen while a task is in it.
struct LockedFieldsReader {
    /// The state's name.
    let state: String
    /// The workflow's fields.
    let fields: Declared<FieldDefinition>

    /// Reads one field name or a list of them, reporting every name that is no settable field
    /// (unknown, with the closest name as a hint, or computed) on its own line.
    /// - Returns: The names, each once, in file order; `nil` when any has a problem.
    func read(_ node: SourceNode, problems: inout LoadProblems) -> [String]? {
        guard let names = problems.attempt({ () throws(WorkflowLoadError) in try node.names(of: "fields") })
        else { return nil }
        let before = problems.count
        var locked: [String] = []
        for name in names {
            if let problem = problem(with: name.name) {
                problems.report(WorkflowLoadError(file: node.file, line: name.line, message: problem))
            } else if !locked.contains(name.name) {
                locked.append(name.name)
            }
        }
        return problems.count == before ? locked : nil
    }

    /// What is wrong with locking `name`, or `nil` when it may be locked.
    private func problem(with name: String) -> String? {
        guard fields.declares(name) else {
            let known = fields.valid.map(\.name) + fields.broken
            let hint = NameSuggestion.closest(to: name, among: known).map { "; did you mean '\($0)'?" } ?? ""
            return "state '\(state)' locks unknown field '\(name)'\(hint)"
        }
        if fields.named(name)?.isComputed == true {
            return "state '\(state)' locks computed field '\(name)', which nobody sets; "
                + "lock the fields it is computed from"
        }
        return nil
    }
}
