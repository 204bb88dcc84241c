/// Reads `states:` and checks that exactly one state is initial.
enum StateSection {
    /// The states of a file and the children they spawn.
    struct Parsed {
        /// The states in file order, each with the line it is declared on.
        let states: [Located<StateDefinition>]
        /// Every spawn, in file order, with its lines.
        let spawns: [SpawnSite]
    }

    /// Parses the `states:` mapping.
    static func parse(_ node: SourceNode) throws(WorkflowLoadError) -> Parsed {
        let mapping = try node.mapping(context: "states")
        var states: [Located<StateDefinition>] = []
        var spawns: [SpawnSite] = []
        for (name, value) in mapping.namedValues(label: { "state '\($0)'" }) {
            try NameRules.checkIdentifier(name, kind: "state", file: node.file)
            let (state, sites) = try parseState(name.name, value)
            states.append(Located(value: state, line: name.line))
            spawns += sites
        }
        try checkSingleInitial(states, in: node)
        return Parsed(states: states, spawns: spawns)
    }

    private static func parseState(
        _ name: String, _ node: SourceNode
    ) throws(WorkflowLoadError)
        -> (StateDefinition, [SpawnSite])
    {
        let mapping = try node.mapping(context: "state '\(name)'", allowingNull: true)
        try mapping.allowOnly(["initial", "final", "title", "on_enter"])
        let isInitial = try mapping.value("initial")?.bool() ?? false
        let isFinal = try mapping.value("final")?.bool() ?? false
        guard !(isInitial && isFinal) else {
            throw node.error("state '\(name)' cannot be both initial and final")
        }
        var title: String?
        if let titleNode = mapping.value("title") { title = try titleNode.string() }
        var spawns: [SpawnSite] = []
        if let onEnter = mapping.value("on_enter") { spawns = try SpawnReader(state: name).parse(onEnter) }
        let state = StateDefinition(
            name: name, isInitial: isInitial, isFinal: isFinal, title: title, spawns: spawns.map(\.child))
        return (state, spawns)
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
