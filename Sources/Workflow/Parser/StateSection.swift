/// Reads `states:` and checks that exactly one state is initial.
enum StateSection {
    /// Parses the `states:` mapping.
    /// - Returns: The states in file order, each with the line it is declared on.
    static func parse(_ node: SourceNode) throws(WorkflowLoadError) -> [Located<StateDefinition>] {
        let mapping = try node.mapping(context: "states")
        var states: [Located<StateDefinition>] = []
        for (name, value) in mapping.namedValues(label: { "state '\($0)'" }) {
            try NameRules.checkIdentifier(name, kind: "state", file: node.file)
            states.append(Located(value: try parseState(name.name, value), line: name.line))
        }
        try checkSingleInitial(states, in: node)
        return states
    }

    private static func parseState(
        _ name: String, _ node: SourceNode
    ) throws(WorkflowLoadError)
        -> StateDefinition
    {
        let mapping = try node.mapping(context: "state '\(name)'", allowingNull: true)
        try mapping.allowOnly(["initial", "final", "title"])
        let isInitial = try mapping.value("initial")?.bool() ?? false
        let isFinal = try mapping.value("final")?.bool() ?? false
        guard !(isInitial && isFinal) else {
            throw node.error("state '\(name)' cannot be both initial and final")
        }
        var title: String?
        if let titleNode = mapping.value("title") { title = try titleNode.string() }
        return StateDefinition(name: name, isInitial: isInitial, isFinal: isFinal, title: title)
    }

    private static func checkSingleInitial(
        _ states: [Located<StateDefinition>], in node: SourceNode
    )
        throws(WorkflowLoadError)
    {
        let initial = states.filter(\.value.isInitial)
        guard let first = initial.first else {
            throw node.error("no initial state: mark exactly one state with 'initial: true'")
        }
        guard initial.count == 1 else {
            let second = initial[1]
            throw WorkflowLoadError(
                file: node.file,
                line: second.line,
                message: "state '\(second.value.name)' is initial, but so is '\(first.value.name)'; "
                    + "exactly one state must be initial"
            )
        }
    }
}
