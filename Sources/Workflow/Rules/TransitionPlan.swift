/// What firing a transition will do, once the rules allow it: the store applies it as one step.
public struct TransitionPlan: Sendable, Hashable {
    /// The transition's name.
    public let transition: String
    /// The state the task leaves.
    public let from: String
    /// The state the task enters.
    public let to: String
    /// The task's complete fields after the transition's changes.
    public let fields: [String: JSONValue]
    /// Whether the task is finished once the transition fires.
    public let entersFinalState: Bool

    /// Creates a plan.
    /// - Parameters:
    ///   - transition: The transition's name.
    ///   - from: The state the task leaves.
    ///   - to: The state the task enters.
    ///   - fields: The task's fields afterwards.
    ///   - entersFinalState: Whether the task is finished afterwards.
    public init(
        transition: String, from: String, to: String, fields: [String: JSONValue],
        entersFinalState: Bool
    ) {
        self.transition = transition
        self.from = from
        self.to = to
        self.fields = fields
        self.entersFinalState = entersFinalState
    }
}
