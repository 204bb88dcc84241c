/// What the rules need to know about a transition's firing beyond the task itself: who fires it
/// and which of the task's children are still open.
public struct TransitionContext: Sendable, Hashable {
    /// The caller's role; `nil` when the system fires it (a timer, an escalation), which passes
    /// `roles:` guards.
    public var role: WorkflowRole?
    /// Ids of the task's children that are not in a final state (needed by `children: done`).
    public var openChildren: [String]

    /// Creates a context.
    /// - Parameters:
    ///   - role: The caller's role, or `nil` for the system.
    ///   - openChildren: Ids of the task's unfinished children.
    public init(role: WorkflowRole?, openChildren: [String] = []) {
        self.role = role
        self.openChildren = openChildren
    }

    /// The system itself (timers and escalations): no role guard applies.
    public static let system = TransitionContext(role: nil)
}
