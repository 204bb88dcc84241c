/// A workflow's state diagram: states and choice points as nodes, transitions and timers as
/// labelled edges. Render it with ``dot()`` (Graphviz), ``mermaid()`` or ``svg()``.
///
/// Every state is a node, marked when it is the initial or a final state; a start marker points
/// at the initial state. A transition is an edge from each of its `from:` states to its state,
/// labelled with its name and guards. A choice transition goes to a small choice node first,
/// from which one edge per branch leads on, labelled with the branch's `when:` (`else` for the
/// default branch). A timer is a dashed edge from its state to where its transition leads,
/// labelled `after 90d`.
public struct WorkflowGraph: Sendable, Hashable {
    /// What a node stands for.
    public enum Node: Sendable, Hashable {
        /// The start marker, pointing at the initial state.
        case start
        /// A state.
        case state(name: String, isInitial: Bool, isFinal: Bool)
        /// The choice point of a transition with a choice target.
        case choice(transition: String)
    }

    /// How an edge is drawn.
    public enum EdgeStyle: Sendable, Hashable {
        /// A transition fired by someone, or the start marker's arrow.
        case solid
        /// A transition fired by a timer.
        case dashed
    }

    /// An arrow between two nodes.
    public struct Edge: Sendable, Hashable {
        /// Where it starts.
        public let from: Node
        /// Where it ends.
        public let to: Node
        /// Its label, one entry per line; empty for none.
        public let label: [String]
        /// How it is drawn.
        public let style: EdgeStyle
    }

    /// The workflow's name, the graph's name.
    public let name: String
    /// The nodes: the start marker, the states in file order, then the choice points.
    public let nodes: [Node]
    /// The edges: the start arrow, the transitions in file order, then the timers.
    public let edges: [Edge]

    /// The diagram of a workflow.
    /// - Parameter definition: The workflow.
    public init(_ definition: WorkflowDefinition) {
        name = definition.name
        let states = definition.states.map { Node.state(name: $0.name, isInitial: $0.isInitial, isFinal: $0.isFinal) }
        var choices: [Node] = []
        var edges = [Edge(from: .start, to: Self.node(definition.initialState), label: [], style: .solid)]
        for transition in definition.transitions {
            let label = [transition.name] + Self.guardLines(transition.guards)
            let target = Self.entry(of: transition, in: definition)
            for from in transition.from {
                edges.append(Edge(from: Self.stateNode(from, in: definition), to: target, label: label, style: .solid))
            }
            if case .choice(let branches) = transition.to {
                choices.append(target)
                for branch in branches {
                    let condition = branch.when.map { "when \($0.text)" } ?? "else"
                    edges.append(
                        Edge(
                            from: target, to: Self.stateNode(branch.state, in: definition), label: [condition],
                            style: .solid))
                }
            }
        }
        for timer in definition.timers {
            guard let transition = definition.transition(named: timer.fire) else { continue }
            edges.append(
                Edge(
                    from: Self.stateNode(timer.state, in: definition), to: Self.entry(of: transition, in: definition),
                    label: ["after \(timer.after)"], style: .dashed))
        }
        self.nodes = [.start] + states + choices
        self.edges = edges
    }

    /// The node a transition's edges point at: its state, or its choice point.
    private static func entry(of transition: TransitionDefinition, in definition: WorkflowDefinition) -> Node {
        switch transition.to {
        case .state(let state): stateNode(state, in: definition)
        case .choice: .choice(transition: transition.name)
        }
    }

    private static func node(_ state: StateDefinition) -> Node {
        .state(name: state.name, isInitial: state.isInitial, isFinal: state.isFinal)
    }

    private static func stateNode(_ name: String, in definition: WorkflowDefinition) -> Node {
        // Loaded definitions name only states they declare.
        definition.state(named: name).map(node) ?? .state(name: name, isInitial: false, isFinal: false)
    }

    /// One line per guard: `requires a, b`, `roles: manager`, `when score >= 15`, `children done`,
    /// `checklist done`.
    private static func guardLines(_ guards: TransitionGuard) -> [String] {
        var lines: [String] = []
        if !guards.require.isEmpty { lines.append("requires " + guards.require.joined(separator: ", ")) }
        if !guards.roles.isEmpty { lines.append("roles: " + guards.roles.map(\.rawValue).joined(separator: ", ")) }
        if let when = guards.when { lines.append("when \(when.text)") }
        if guards.requiresChildrenDone { lines.append("children done") }
        if guards.requiresChecklistDone { lines.append("checklist done") }
        return lines
    }
}

extension WorkflowGraph {
    /// A form of the diagram.
    public enum Format: String, Sendable, Hashable, CaseIterable {
        /// Graphviz DOT (`dot -Tsvg`).
        case dot
        /// A Mermaid flowchart (GitHub and GitLab render it in Markdown).
        case mermaid
        /// An SVG image, laid out here (no Graphviz needed).
        case svg
    }

    /// The diagram in `format`.
    /// - Parameter format: The text form.
    /// - Returns: The diagram's text, ending in a line break.
    public func render(_ format: Format) -> String {
        switch format {
        case .dot: dot()
        case .mermaid: mermaid()
        case .svg: svg()
        }
    }
}
