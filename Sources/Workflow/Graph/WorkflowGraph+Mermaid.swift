extension WorkflowGraph {
    /// The diagram as a Mermaid flowchart, left to right: states are rounded nodes (the initial
    /// one with a thick border, final ones double circles), the start marker a filled dot,
    /// choice points small diamonds, timers dotted arrows (`-.->`).
    ///
    /// Node identifiers are prefixed (`s_received`, `c_assess`), so no state name can clash with
    /// a Mermaid keyword such as `end`; every label is quoted, with `"`, `#`, `<`, `>`, `&` and `|`
    /// written as Mermaid entity codes and line breaks as `<br/>`. Paste it into a ```` ```mermaid ````
    /// block.
    /// - Returns: The Mermaid text, ending in a line break.
    public func mermaid() -> String {
        var lines = ["flowchart LR"]
        lines += nodes.map { "  " + MermaidText.declaration(of: $0) }
        lines += edges.map { "  " + MermaidText.statement(for: $0) }
        lines += [
            "  classDef start fill:#000,stroke:#000",
            "  classDef initial stroke-width:3px",
        ]
        return lines.joined(separator: "\n") + "\n"
    }
}

/// Writes nodes and edges as Mermaid flowchart statements.
enum MermaidText {
    /// A node's statement, e.g. `s_closed((("closed")))`.
    static func declaration(of node: WorkflowGraph.Node) -> String {
        let id = identifier(node)
        switch node {
        case .start:
            return #"\#(id)((" ")):::start"#
        case .state(let name, let isInitial, let isFinal):
            if isFinal { return "\(id)(((\(quoted([name])))))" }
            return "\(id)(\(quoted([name])))" + (isInitial ? ":::initial" : "")
        case .choice:
            return #"\#(id){" "}"#
        }
    }

    /// An edge's statement, e.g. `s_a -->|"go"| s_b` or `s_a -.->|"after 5d"| s_b`.
    static func statement(for edge: WorkflowGraph.Edge) -> String {
        let arrow = edge.style == .dashed ? "-.->" : "-->"
        let label = edge.label.isEmpty ? "" : "|\(quoted(edge.label))|"
        return "\(identifier(edge.from)) \(arrow)\(label) \(identifier(edge.to))"
    }

    /// The node's identifier: `start`, `s_` and the state's name, or `c_` and the transition's.
    static func identifier(_ node: WorkflowGraph.Node) -> String {
        switch node {
        case .start: "start"
        case .state(let name, _, _): "s_" + name
        case .choice(let transition): "c_" + transition
        }
    }

    /// Lines as one quoted Mermaid label, joined by `<br/>`.
    static func quoted(_ lines: [String]) -> String {
        "\""
            + lines.flatMap { $0.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) }
            .map(escaped).joined(separator: "<br/>") + "\""
    }

    /// The characters that end a quoted label or read as markup, as Mermaid entity codes.
    private static func escaped(_ text: Substring) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "#": escaped += "#35;"
            case "\"": escaped += "#quot;"
            case "<": escaped += "#lt;"
            case ">": escaped += "#gt;"
            case "&": escaped += "#amp;"
            case "|": escaped += "#124;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
