extension WorkflowDefinition {
    /// Every receiver the workflow's `notify:` lists name (its SLA warnings and breaches, its
    /// escalation levels, its states' `on_enter`), each once, in that order: the subscriptions it
    /// expects to exist.
    public var notifiedReceivers: [String] {
        var names: [String] = []
        let fromSLAs = slas.flatMap { $0.notify.warning + $0.notify.breach + $0.escalations.flatMap(\.notify) }
        for name in fromSLAs + states.flatMap(\.notify) where !names.contains(name) { names.append(name) }
        return names
    }
}
