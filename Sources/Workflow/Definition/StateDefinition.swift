/// One state of a workflow.
public struct StateDefinition: Sendable, Hashable {
    /// The state's name, `[a-z][a-z0-9_]*`.
    public let name: String
    /// Whether new tasks start here; exactly one state is initial.
    public let isInitial: Bool
    /// Whether a task here is finished; final states have no outgoing transitions.
    public let isFinal: Bool
    /// An optional human label.
    public let title: String?
    /// Child tasks created each time a task enters the state (`on_enter: {spawn: [...]}`),
    /// including the initial state when a task is created.
    public let spawns: [SpawnedChild]
    /// Fields that are frozen while a task is here (`locked_fields:`): an update may not change
    /// them, and a transition from here may change them only when it `require:`s them or leads to
    /// a state that does not lock them.
    public let lockedFields: [String]
    /// The receivers told each time a task enters the state (`on_enter: {notify: [...]}`),
    /// including the initial state when a task is created: subscription names, recorded in the
    /// `created` or `transitioned` event's `notify`.
    public let notify: [String]
    /// What to tick while a task is here (`checklist:`), in order; a transition with
    /// `checklist: done` leaves only once every item is ticked.
    public let checklist: [ChecklistItem]

    /// Creates a state definition.
    /// - Parameters:
    ///   - name: The state's name.
    ///   - isInitial: Whether new tasks start here.
    ///   - isFinal: Whether a task here is finished.
    ///   - title: An optional human label.
    ///   - spawns: Child tasks created on entering the state.
    ///   - lockedFields: Fields frozen while a task is here.
    ///   - notify: The receivers told on entering the state.
    ///   - checklist: What to tick while a task is here.
    public init(
        name: String,
        isInitial: Bool = false,
        isFinal: Bool = false,
        title: String? = nil,
        spawns: [SpawnedChild] = [],
        lockedFields: [String] = [],
        notify: [String] = [],
        checklist: [ChecklistItem] = []
    ) {
        self.name = name
        self.isInitial = isInitial
        self.isFinal = isFinal
        self.title = title
        self.spawns = spawns
        self.lockedFields = lockedFields
        self.notify = notify
        self.checklist = checklist
    }
}
