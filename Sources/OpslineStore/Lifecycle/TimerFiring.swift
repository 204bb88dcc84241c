import Workflow

/// A workflow timer as a `due_work` row of kind `timer` holds it: the state it belongs to, and
/// the transition it fires once due.
struct TimerFiring {
    /// The state the task entered when the timer was set; leaving it cancels the timer.
    let state: String
    /// The transition the timer fires.
    let transition: String

    /// A timer of `state` that fires `transition`.
    init(state: String, transition: String) {
        self.state = state
        self.transition = transition
    }

    /// Reads a timer back from its row's payload; nil when the payload is not a timer's.
    init?(payload: [String: JSONValue]) {
        guard case .string(let state)? = payload["state"], case .string(let transition)? = payload["fire"] else {
            return nil
        }
        self.init(state: state, transition: transition)
    }

    /// The row's payload: `{"state": …, "fire": …}`.
    var payload: JSONValue {
        ["state": .string(state), "fire": .string(transition)]
    }
}
