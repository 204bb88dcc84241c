/// A transition fired automatically once a task has stayed in a state for a while
/// (`timers: [{in: mitigated, after: 90d, fire: rereview}]`).
///
/// The delay is elapsed time since the task entered the state (a day is 24 hours; business
/// calendars do not apply); leaving the state cancels the timer, entering it again restarts it.
public struct StateTimer: Sendable, Hashable {
    /// The state the task must stay in; never a final state.
    public let state: String
    /// How long after entering the state the transition fires; never zero.
    public let after: WorkDuration
    /// The transition fired; it may fire from ``state``.
    public let fire: String

    /// Creates a timer.
    /// - Parameters:
    ///   - state: The state the task must stay in.
    ///   - after: How long after entering it the transition fires.
    ///   - fire: The transition fired.
    public init(state: String, after: WorkDuration, fire: String) {
        self.state = state
        self.after = after
        self.fire = fire
    }
}
