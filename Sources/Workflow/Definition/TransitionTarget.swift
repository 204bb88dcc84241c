/// Where a transition leads: one state, or the first matching branch of a choice.
public enum TransitionTarget: Sendable, Hashable {
    /// Always this state (`to: resolved`).
    case state(String)
    /// The first branch whose `when:` holds, tried in order; the last branch has no `when:` and
    /// is the default (`to: [{when: "score >= 15", state: compliance_review}, {state: strategy}]`).
    case choice([ChoiceBranch])

    /// Every state the transition may lead to, in file order, without repeats.
    public var states: [String] {
        switch self {
        case .state(let state):
            return [state]
        case .choice(let branches):
            var states: [String] = []
            for branch in branches where !states.contains(branch.state) { states.append(branch.state) }
            return states
        }
    }
}

/// One branch of a choice target.
public struct ChoiceBranch: Sendable, Hashable {
    /// The condition under which the branch is taken; `nil` for the default (last) branch.
    public let when: ExpressionSource?
    /// The state the branch leads to.
    public let state: String

    /// Creates a branch.
    /// - Parameters:
    ///   - when: The condition, or `nil` for the default branch.
    ///   - state: The state it leads to.
    public init(when: ExpressionSource? = nil, state: String) {
        self.when = when
        self.state = state
    }
}
