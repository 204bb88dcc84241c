/// Everything that must hold for a transition to fire, besides being in one of its `from:` states.
public struct TransitionGuard: Sendable, Hashable {
    /// Fields that must be non-null once the transition's changes are applied (`require:`).
    public let require: [String]
    /// The roles allowed to fire the transition (`roles:`); empty means any role that may move
    /// the task at all.
    public let roles: [WorkflowRole]
    /// A condition on the task's fields (`when: "score >= 15"`).
    public let when: ExpressionSource?
    /// Whether every child task must be in a final state (`children: done`).
    public let requiresChildrenDone: Bool
    /// Whether every item of the checklist of the state the task leaves must be ticked
    /// (`checklist: done`).
    public let requiresChecklistDone: Bool
    /// Four eyes (`not_by: [created, assess]`): whoever created the task (`created`) or last
    /// fired one of these transitions on it may not fire this one.
    public let notBy: [String]

    /// What `not_by:` writes for the task's creation.
    public static let creation = "created"

    /// Creates a guard; the defaults guard nothing.
    /// - Parameters:
    ///   - require: Fields that must be set.
    ///   - roles: The roles allowed to fire the transition; empty for any.
    ///   - when: A condition on the task's fields.
    ///   - requiresChildrenDone: Whether every child task must be finished.
    ///   - requiresChecklistDone: Whether the state's checklist must be all ticked.
    ///   - notBy: Steps whose actor may not fire the transition.
    public init(
        require: [String] = [],
        roles: [WorkflowRole] = [],
        when: ExpressionSource? = nil,
        requiresChildrenDone: Bool = false,
        requiresChecklistDone: Bool = false,
        notBy: [String] = []
    ) {
        self.require = require
        self.roles = roles
        self.when = when
        self.requiresChildrenDone = requiresChildrenDone
        self.requiresChecklistDone = requiresChecklistDone
        self.notBy = notBy
    }
}
