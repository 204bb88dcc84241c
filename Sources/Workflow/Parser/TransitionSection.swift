/// Reads `transitions:` and checks every state, field and role they name.
enum TransitionSection {
    /// Parses the `transitions:` mapping.
    /// - Parameters:
    ///   - node: The `transitions:` value.
    ///   - states: The workflow's states.
    ///   - fields: The workflow's fields.
    static func parse(
        _ node: SourceNode,
        states: [StateDefinition],
        fields: [FieldDefinition]
    ) throws(WorkflowLoadError) -> [TransitionDefinition] {
        let mapping = try node.mapping(context: "transitions", allowingNull: true)
        var transitions: [TransitionDefinition] = []
        for (name, value) in mapping.namedValues(label: { "transition '\($0)'" }) {
            try NameRules.checkIdentifier(name, kind: "transition", file: node.file)
            let reader = TransitionReader(
                name: name.name, states: states, fields: fields, file: node.file)
            transitions.append(try reader.parse(value))
        }
        return transitions
    }
}

/// Reads one transition.
private struct TransitionReader {
    let name: String
    let states: [StateDefinition]
    let fields: [FieldDefinition]
    let file: String

    func parse(_ node: SourceNode) throws(WorkflowLoadError) -> TransitionDefinition {
        let mapping = try node.mapping(context: "transition '\(name)'")
        try mapping.allowOnly(["from", "to", "require", "roles", "when", "children", "title"])
        let from = try sources(mapping.require("from"))
        let to = try TransitionTargetReader(transition: name, states: states).parse(mapping.require("to"))
        let guards = try TransitionGuardReader(transition: name, fields: fields).parse(mapping)
        var title: String?
        if let titleNode = mapping.value("title") { title = try titleNode.string() }
        return TransitionDefinition(name: name, from: from, to: to, guards: guards, title: title)
    }

    private func sources(_ node: SourceNode) throws(WorkflowLoadError) -> [String] {
        var names: [String] = []
        for source in try node.names(of: "states") {
            guard let state = states.first(where: { $0.name == source.name }) else {
                throw error(at: source, "transition '\(name)' comes from unknown state '\(source.name)'")
            }
            guard !state.isFinal else {
                throw error(
                    at: source,
                    "transition '\(name)' leaves final state '\(source.name)'; final states have no way out")
            }
            if !names.contains(source.name) { names.append(source.name) }
        }
        return names
    }

    private func error(at name: NameAt, _ message: String) -> WorkflowLoadError {
        WorkflowLoadError(file: file, line: name.line, message: message)
    }
}
