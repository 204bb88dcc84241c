/// Reads `slas:`: each clock's start, pause, stop, target, warning and escalation levels.
enum SLASection {
    /// What SLA policies may refer to.
    struct Scope {
        /// The workflow's states.
        let states: [StateDefinition]
        /// The workflow's fields.
        let fields: [FieldDefinition]
        /// The workflow's transitions.
        let transitions: [TransitionDefinition]
    }

    /// Parses the `slas:` mapping; a workflow without one has no SLAs.
    static func parse(_ node: SourceNode?, scope: Scope) throws(WorkflowLoadError) -> [SLAPolicy] {
        guard let node else { return [] }
        let mapping = try node.mapping(context: "slas", allowingNull: true)
        var policies: [SLAPolicy] = []
        for (name, value) in mapping.namedValues(label: { "sla '\($0)'" }) {
            try NameRules.checkIdentifier(name, kind: "sla", file: node.file)
            policies.append(try SLAPolicyReader(name: name.name, scope: scope).parse(value))
        }
        return policies
    }
}

/// Reads one SLA policy.
struct SLAPolicyReader {
    /// The policy's name.
    let name: String
    /// What the policy may refer to.
    let scope: SLASection.Scope

    private var context: String { "sla '\(name)'" }

    /// Parses the policy's mapping.
    func parse(_ node: SourceNode) throws(WorkflowLoadError) -> SLAPolicy {
        let mapping = try node.mapping(context: context)
        try mapping.allowOnly(["start", "pause", "stop", "target", "warn", "escalate"])
        let start = try self.start(mapping.require("start"))
        var pause: [String] = []
        if let pauseNode = mapping.value("pause") {
            pause = try states(pauseNode, key: "in", verb: "pauses in")
        }
        let stop = try states(mapping.require("stop"), key: "enter", verb: "stops on entering")
        let target = try SLATargetReader(context: context, fields: scope.fields).parse(
            mapping.require("target"))
        var warn: Int?
        if let warnNode = mapping.value("warn") { warn = try warnPercent(warnNode) }
        var escalations: [EscalationLevel] = []
        if let escalateNode = mapping.value("escalate") {
            let reader = EscalationReader(
                context: context,
                transitions: scope.transitions,
                clockStates: SLAClockReach.states(start: start, stop: stop, in: scope)
            )
            escalations = try reader.parse(escalateNode)
        }
        return SLAPolicy(
            name: name,
            start: start,
            pause: pause,
            stop: stop,
            target: target,
            warnPercent: warn,
            escalations: escalations
        )
    }

    private func start(_ node: SourceNode) throws(WorkflowLoadError) -> SLAPolicy.Start {
        guard case .scalar = node.node else {
            return .entering(try states(node, key: "enter", verb: "starts on entering"))
        }
        guard try node.string() == "created" else {
            throw node.error("\(node.label) must be 'created' or {enter: [states]}")
        }
        return .created
    }

    /// Reads `{key: [states]}` and checks that every state exists.
    private func states(
        _ node: SourceNode, key: String, verb: String
    ) throws(WorkflowLoadError)
        -> [String]
    {
        guard case .mapping = node.node else {
            throw node.error("\(node.label) must be {\(key): [states]}")
        }
        let mapping = try node.mapping(context: node.label)
        try mapping.allowOnly([key])
        var names: [String] = []
        for state in try mapping.require(key).names(of: "states") {
            guard scope.states.contains(where: { $0.name == state.name }) else {
                throw WorkflowLoadError(
                    file: node.file,
                    line: state.line,
                    message: "\(context) \(verb) unknown state '\(state.name)'"
                )
            }
            names.append(state.name)
        }
        return names
    }

    private func warnPercent(_ node: SourceNode) throws(WorkflowLoadError) -> Int {
        let text = node.node.scalar?.string ?? ""
        guard text.hasSuffix("%"), let percent = Int(text.dropLast()), (1...99).contains(percent) else {
            throw node.error("\(node.label) must be a percentage between 1% and 99%, e.g. 75%")
        }
        return percent
    }
}
