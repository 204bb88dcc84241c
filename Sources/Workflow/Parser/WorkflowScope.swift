/// What a workflow file declares, as far as it could be read: what the later sections (guards,
/// timers, SLAs, expressions) may refer to.
struct WorkflowScope {
    /// The states.
    var states = Declared<StateDefinition>()
    /// The fields.
    var fields = Declared<FieldDefinition>()
    /// The transitions.
    var transitions = Declared<TransitionDefinition>()
    /// The machine's graph, when all of it could be read; checks of the machine as a whole
    /// (reachability, where an SLA clock runs) are made only then.
    var machine: MachineShape?
    /// The priority scale, when the file has one: escalation levels may set only its values.
    var priority: PriorityScale?
}
