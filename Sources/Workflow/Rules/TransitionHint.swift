/// What a refused transition's caller can do instead: the transitions that fire from the task's
/// state, and the one a mistyped name was probably meant to be.
public struct TransitionHint: Sendable, Hashable {
    /// The task's state.
    public var state: String
    /// The transitions that fire from ``state`` and that the caller's role may use, in the
    /// workflow's order.
    public var allowed: [String]
    /// The workflow's transition closest to the name given (``NameSuggestion``), for an unknown
    /// name; `nil` when none is close.
    public var suggestion: String?

    /// Creates a hint.
    public init(state: String, allowed: [String], suggestion: String? = nil) {
        self.state = state
        self.allowed = allowed
        self.suggestion = suggestion
    }

    /// `did you mean 'resolve'? ` (for an unknown name) then `from 'investigating': resolve, escalate`
    /// or `'closed' allows none`.
    var sentence: String {
        let guess = suggestion.map { "did you mean '\($0)'? " } ?? ""
        let choices =
            allowed.isEmpty
            ? "no transition is allowed from state '\(state)'"
            : "allowed from state '\(state)': \(allowed.joined(separator: ", "))"
        return guess + choices
    }
}

extension WorkflowDefinition {
    /// The hint for a refused transition named `name` on a task in `state`, fired with `role`
    /// (`nil`: the system, which may fire any).
    func transitionHint(for name: String, from state: String, role: WorkflowRole?) -> TransitionHint {
        let allowed = transitions(from: state, role: role)
        let known = transitions.map(\.name)
        let suggestion = known.contains(name) ? nil : NameSuggestion.closest(to: name, among: known)
        return TransitionHint(state: state, allowed: allowed.map(\.name), suggestion: suggestion)
    }
}

extension WorkflowDefinition {
    /// The transitions that fire from `state` and whose `roles:` guard lets `role` through (`nil`:
    /// the system, and admins, pass every one), in the workflow's order: what a refused
    /// transition's hint offers, and the buttons of the dashboard's task page.
    public func transitions(from state: String, role: WorkflowRole?) -> [TransitionDefinition] {
        transitions.filter { transition in
            guard transition.from.contains(state) else { return false }
            let roles = transition.guards.roles
            guard let role, role != .admin, !roles.isEmpty else { return true }
            return roles.contains(role)
        }
    }
}
