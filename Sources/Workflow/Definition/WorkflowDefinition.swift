/// A loaded, validated workflow: the state machine one kind of task moves through.
///
/// Definitions come from ``WorkflowParser/parse(_:file:)``, which guarantees a sound machine:
/// exactly one initial state, every state reachable from it, every non-final state with a way
/// out, no way out of final states, and every reference to a state, field, role or transition
/// known. References to other files (calendars, spawned workflows) are checked by
/// ``WorkflowLibrary``, which loads a whole folder.
public struct WorkflowDefinition: Sendable, Hashable {
    /// The workflow's name, `[a-z0-9-]+`, e.g. `complaint-escalation`.
    public let name: String
    /// A human title, e.g. "Customer complaint". Defaults to ``name`` when the file has none.
    public let title: String
    /// The task id prefix, `[A-Z][A-Z0-9]*`, e.g. `CMP`: task ids are `CMP-1`, `CMP-2`, …
    public let key: String
    /// The team that owns new tasks unless told otherwise.
    public let team: String
    /// The business calendar SLA durations are measured in; stored only for now.
    public let calendar: String?
    /// The declared task fields, in file order.
    public let fields: [FieldDefinition]
    /// The states, in file order.
    public let states: [StateDefinition]
    /// The transitions, in file order.
    public let transitions: [TransitionDefinition]
    /// The timers that fire transitions after a while in a state, in file order.
    public let timers: [StateTimer]
    /// The SLA clocks, in file order; parsed and stored, their behaviour comes later.
    public let slas: [SLAPolicy]
    /// How tasks arriving in a team without an assignee get one, per team (`assign:`).
    public let assignment: [AssignmentRule]
    /// The priorities a task may have, most urgent first (`priority:`); `nil`: any text.
    public let priority: PriorityScale?
    /// The tasks it creates by itself on a calendar (`schedules:`), in file order.
    public let schedules: [WorkflowSchedule]

    init(
        name: String,
        title: String,
        key: String,
        team: String,
        calendar: String?,
        fields: [FieldDefinition],
        states: [StateDefinition],
        transitions: [TransitionDefinition],
        timers: [StateTimer],
        slas: [SLAPolicy],
        assignment: [AssignmentRule] = [],
        priority: PriorityScale? = nil,
        schedules: [WorkflowSchedule] = []
    ) {
        self.name = name
        self.title = title
        self.key = key
        self.team = team
        self.calendar = calendar
        self.fields = fields
        self.states = states
        self.transitions = transitions
        self.timers = timers
        self.slas = slas
        self.assignment = assignment
        self.priority = priority
        self.schedules = schedules
    }

    /// The state every new task starts in.
    public var initialState: StateDefinition {
        // The parser refuses files without exactly one initial state.
        states.first(where: \.isInitial) ?? states[0]
    }

    /// Looks up a declared field.
    /// - Parameter name: The field's name.
    /// - Returns: The field, or `nil` when the workflow declares no such field.
    public func field(named name: String) -> FieldDefinition? {
        fields.first { $0.name == name }
    }

    /// Looks up a state.
    /// - Parameter name: The state's name.
    /// - Returns: The state, or `nil` when the workflow has no such state.
    public func state(named name: String) -> StateDefinition? {
        states.first { $0.name == name }
    }

    /// Looks up a transition.
    /// - Parameter name: The transition's name.
    /// - Returns: The transition, or `nil` when the workflow has no such transition.
    public func transition(named name: String) -> TransitionDefinition? {
        transitions.first { $0.name == name }
    }

    /// Looks up a schedule.
    /// - Parameter name: The schedule's name.
    /// - Returns: The schedule, or `nil` when the workflow has no such schedule.
    public func schedule(named name: String) -> WorkflowSchedule? {
        schedules.first { $0.name == name }
    }

    /// The steps whose actor some `not_by:` guard asks for (`created`, transition names): the
    /// server keeps who took them on each task.
    public var signedSteps: Set<String> {
        Set(transitions.flatMap(\.guards.notBy))
    }

    /// The timers that run while a task is in a state.
    /// - Parameter state: The state's name.
    /// - Returns: Its timers, in file order.
    public func timers(in state: String) -> [StateTimer] {
        timers.filter { $0.state == state }
    }
}
