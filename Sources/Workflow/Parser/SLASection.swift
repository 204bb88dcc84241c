/// Reads `slas:`: each clock's start, pause, stop, restart, target, calendar, warning and escalation
/// levels.
enum SLASection {
    private static let keys = [
        "start", "pause", "stop", "restart", "target", "calendar", "warn", "escalate", "notify",
    ]

    /// Reads the `slas:` mapping, each policy on its own; a workflow without one has no SLAs.
    /// - Returns: The policies that read without a problem, and what each refers to beyond the file.
    static func read(
        _ node: SourceNode?, scope: WorkflowScope, problems: inout LoadProblems
    ) -> (policies: [SLAPolicy], references: [SLAReferences]) {
        guard let node,
            let mapping = problems.attempt({ () throws(WorkflowLoadError) in
                try node.mapping(context: "slas", allowingNull: true)
            })
        else { return ([], []) }
        var policies: [SLAPolicy] = []
        var references: [SLAReferences] = []
        for (name, value) in mapping.namedValues(label: { "sla '\($0)'" }) {
            let named = NameRules.checkIdentifier(name, kind: "sla", file: node.file, problems: &problems)
            let reader = SLAPolicyReader(name: name.name, scope: scope)
            let read = value.readMapping(context: reader.context, allowedKeys: keys, problems: &problems) {
                mapping, problems in reader.read(mapping, problems: &problems)
            }
            if let read, named {
                policies.append(read.policy)
                references.append(read.references)
            }
        }
        return (policies, references)
    }
}

/// Reads one SLA policy.
struct SLAPolicyReader {
    /// The policy's name.
    let name: String
    /// What the policy may refer to.
    let scope: WorkflowScope

    /// How messages name the policy, e.g. `sla 'resolution'`.
    var context: String { "sla '\(name)'" }

    /// Reads the policy's mapping, each key on its own.
    /// - Returns: The policy and its references, or `nil` when a key has a problem (each is
    ///   reported).
    func read(
        _ mapping: SourceMapping, problems: inout LoadProblems
    ) -> (policy: SLAPolicy, references: SLAReferences)? {
        let start = problems.attempt { () throws(WorkflowLoadError) in try self.start(mapping.require("start")) }
        let pause = problems.attempt { () throws(WorkflowLoadError) in
            try mapping.value("pause").map { node throws(WorkflowLoadError) in
                try states(node, key: "in", verb: "pauses in")
            } ?? []
        }
        let stop = problems.attempt { () throws(WorkflowLoadError) in
            try states(mapping.require("stop"), key: "enter", verb: "stops on entering")
        }
        let restart = problems.attempt { () throws(WorkflowLoadError) -> [String] in
            guard let node = mapping.value("restart") else { return [] }
            let states = try statesAt(node, key: "enter", verb: "restarts on entering")
            return try SLARestartCheck(context: context, machine: scope.machine).check(states, stop: stop, at: node)
        }
        let target = problems.attempt { () throws(WorkflowLoadError) in
            try SLATargetReader(context: context, fields: scope.fields).parse(mapping.require("target"))
        }
        let calendar = problems.attempt { () throws(WorkflowLoadError) in
            try mapping.value("calendar").map { node throws(WorkflowLoadError) in
                try SLACalendarReader(context: context, fields: scope.fields).parse(node)
            }
        }
        let warn = problems.attempt { () throws(WorkflowLoadError) in
            try mapping.value("warn").map { node throws(WorkflowLoadError) in try warnPercent(node) }
        }
        let escalations = problems.attempt { () throws(WorkflowLoadError) in
            try mapping.value("escalate").map { node throws(WorkflowLoadError) in
                try escalationReader(start: start, stop: stop, restart: restart).parse(node)
            } ?? (levels: [], receivers: [])
        }
        let notify = problems.attempt { () throws(WorkflowLoadError) in
            try mapping.value("notify").map { node throws(WorkflowLoadError) in
                try SLANotifyReader(context: context).read(node, warns: mapping.value("warn") != nil)
            } ?? (SLAPolicy.Notify(), [])
        }
        guard let start, let pause, let stop, let restart, let target, let calendar, let warn, let escalations,
            let notify
        else { return nil }
        let policy = SLAPolicy(
            name: name,
            start: start,
            pause: pause,
            stop: stop,
            restart: restart,
            target: target,
            calendar: calendar?.0,
            warnPercent: warn,
            escalations: escalations.levels,
            notify: notify.0
        )
        let references = SLAReferences(
            policy: policy, calendars: calendar?.1 ?? [], receivers: notify.1 + escalations.receivers,
            mapping: mapping)
        return (policy, references)
    }

    /// The reader of the levels; it knows where the clock runs when the machine and the clock's
    /// start and stop could be read.
    private func escalationReader(start: SLAPolicy.Start?, stop: [String]?, restart: [String]?) -> EscalationReader {
        var clockStates: [String]?
        if let machine = scope.machine, let start, let stop, let restart {
            clockStates = SLAClockReach.states(start: start, stop: stop, restart: restart, in: machine)
        }
        return EscalationReader(
            context: context, transitions: scope.transitions, clockStates: clockStates, priority: scope.priority)
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
        try statesAt(node, key: key, verb: verb).map(\.name)
    }

    /// Reads `{key: [states]}` and checks that every state exists; each name with its line.
    private func statesAt(
        _ node: SourceNode, key: String, verb: String
    ) throws(WorkflowLoadError)
        -> [NameAt]
    {
        guard case .mapping = node.node else {
            throw node.error("\(node.label) must be {\(key): [states]}")
        }
        let mapping = try node.mapping(context: node.label)
        try mapping.allowOnly([key])
        var names: [NameAt] = []
        for state in try mapping.require(key).names(of: "states") {
            guard scope.states.declares(state.name) else {
                throw WorkflowLoadError(
                    file: node.file,
                    line: state.line,
                    message: "\(context) \(verb) unknown state '\(state.name)'"
                )
            }
            names.append(state)
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
