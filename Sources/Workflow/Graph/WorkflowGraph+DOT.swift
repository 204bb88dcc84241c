extension WorkflowGraph {
    /// The diagram in Graphviz DOT, left to right: states are rounded boxes (the initial one bold,
    /// final ones with a double border), the start marker a dot, choice points small diamonds,
    /// timers dashed edges.
    ///
    /// Every name and label is written as a quoted DOT string, so quotes, backslashes and line
    /// breaks in expressions cannot break the graph. Render it with `dot -Tsvg`.
    /// - Returns: The DOT text, ending in a line break.
    public func dot() -> String {
        var lines = [
            "digraph \(DOTText.quoted(name)) {",
            "  rankdir=LR;",
            #"  node [shape=box, style=rounded, fontname="Helvetica"];"#,
            #"  edge [fontname="Helvetica", fontsize=10];"#,
        ]
        lines += nodes.map { "  " + DOTText.declaration(of: $0) + ";" }
        lines += edges.map { "  " + DOTText.statement(for: $0) + ";" }
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }
}

/// Writes nodes and edges as DOT statements.
enum DOTText {
    /// A node's statement without the `;`, e.g. `"closed" [label="closed", peripheries=2]`.
    static func declaration(of node: WorkflowGraph.Node) -> String {
        let id = identifier(node)
        switch node {
        case .start:
            return #"\#(id) [shape=point, width=0.15, label=""]"#
        case .state(let name, let isInitial, let isFinal):
            var attributes = ["label=\(quoted(name))"]
            if isInitial { attributes.append(#"style="rounded,bold""#) }
            if isFinal { attributes.append("peripheries=2") }
            return "\(id) [\(attributes.joined(separator: ", "))]"
        case .choice:
            return #"\#(id) [shape=diamond, label="", width=0.3, height=0.3, fixedsize=true]"#
        }
    }

    /// An edge's statement without the `;`, e.g. `"a" -> "b" [label="go"]`.
    static func statement(for edge: WorkflowGraph.Edge) -> String {
        var attributes: [String] = []
        if !edge.label.isEmpty { attributes.append("label=\(quoted(edge.label))") }
        if edge.style == .dashed { attributes.append("style=dashed") }
        let arrow = "\(identifier(edge.from)) -> \(identifier(edge.to))"
        return attributes.isEmpty ? arrow : "\(arrow) [\(attributes.joined(separator: ", "))]"
    }

    /// The node's quoted identifier: the state's name, `(start)`, or the transition's name and
    /// `?` for a choice point (neither can be a state's name).
    static func identifier(_ node: WorkflowGraph.Node) -> String {
        switch node {
        case .start: quoted("(start)")
        case .state(let name, _, _): quoted(name)
        case .choice(let transition): quoted(transition + "?")
        }
    }

    /// Lines as one quoted DOT string, joined by DOT's `\n` line break.
    static func quoted(_ lines: [String]) -> String {
        "\"" + lines.map(escaped).joined(separator: #"\n"#) + "\""
    }

    /// Text as a quoted DOT string.
    static func quoted(_ text: String) -> String {
        "\"" + escaped(text) + "\""
    }

    /// Backslashes and quotes escaped, line breaks as `\n`: what a DOT string may hold literally.
    private static func escaped(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "\\": escaped += #"\\"#
            case "\"": escaped += #"\""#
            case "\n", "\r\n", "\r": escaped += #"\n"#
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
