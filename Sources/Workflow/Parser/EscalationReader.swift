/// Reads an SLA's `escalate:` levels.
struct EscalationReader {
    /// How messages name the policy, e.g. `sla 'resolution'`.
    let context: String
    /// The workflow's transitions, which levels may fire.
    let transitions: Declared<TransitionDefinition>
    /// The states the clock can be running in; a fired transition must leave one of them. `nil`
    /// when they are not known (the machine or the clock's start or stop has problems).
    let clockStates: [String]?
    /// The workflow's priority scale, if any: a level may set only one of its values.
    let priority: PriorityScale?

    /// Parses the list of levels and checks they are in order of `after`.
    /// - Returns: The levels, and the receivers their `notify:` lists name.
    func parse(_ node: SourceNode) throws(WorkflowLoadError) -> (levels: [EscalationLevel], receivers: [ReceiverUse]) {
        var levels: [EscalationLevel] = []
        var receivers: [ReceiverUse] = []
        for (index, item) in try node.sequence(of: "escalation levels").enumerated() {
            let (level, notified) = try parseLevel(item, number: index + 1)
            if let previous = levels.last, level.after < previous.after {
                throw item.error(
                    "\(context) escalation level \(index + 1) (after \(level.after)) comes before "
                        + "level \(index) (after \(previous.after)); list levels in order of 'after'"
                )
            }
            levels.append(level)
            receivers += notified
        }
        return (levels, receivers)
    }

    private func parseLevel(
        _ node: SourceNode, number: Int
    ) throws(WorkflowLoadError)
        -> (EscalationLevel, [ReceiverUse])
    {
        let mapping = try node.mapping(context: "\(context) escalation level \(number)")
        try mapping.allowOnly(["after", "team", "assignee", "priority", "fire", "notify"])
        let after = try mapping.require("after").duration()
        var team: String?
        if let teamNode = mapping.value("team") { team = try teamNode.string() }
        var assignee: String?
        if let assigneeNode = mapping.value("assignee") { assignee = try assigneeNode.string() }
        var priority: EscalationLevel.PriorityChange?
        if let priorityNode = mapping.value("priority") {
            let text = try priorityNode.string()
            if text != "raise", let problem = self.priority?.problem(text) {
                throw priorityNode.error("\(context) escalation level \(number) sets priority \(problem)")
            }
            priority = text == "raise" ? .raise : .set(text)
        }
        var fire: String?
        if let fireNode = mapping.value("fire") { fire = try firedTransition(fireNode) }
        var notify: [ReceiverUse] = []
        if let notifyNode = mapping.value("notify") {
            notify = try NotifyReader(context: mapping.context).read(notifyNode)
        }
        guard team != nil || assignee != nil || priority != nil || fire != nil || !notify.isEmpty else {
            throw node.error(
                "\(mapping.context) does nothing; give it a team, assignee, priority, fire or notify")
        }
        let level = EscalationLevel(
            after: after, team: team, assignee: assignee, priority: priority, fire: fire,
            notify: notify.map(\.name.name))
        return (level, notify)
    }

    private func firedTransition(_ node: SourceNode) throws(WorkflowLoadError) -> String {
        let name = try node.string()
        guard transitions.declares(name) else {
            throw node.error("\(context) escalation fires unknown transition '\(name)'")
        }
        guard let transition = transitions.named(name), let clockStates else { return name }
        guard transition.from.contains(where: clockStates.contains) else {
            throw node.error(
                "\(context) escalation fires '\(name)', which cannot fire while the clock runs "
                    + "(only from \(transition.from.joined(separator: ", ")); the clock runs in "
                    + "\(clockStates.joined(separator: ", ")))")
        }
        return name
    }
}
