/// Something that happened to a clock, to be recorded as an event on the task.
public struct SLAClockChange: Sendable, Hashable {
    /// What happened; the raw value is the event type.
    public enum Kind: String, Sendable, Hashable {
        /// The clock started.
        case started = "sla_started"
        /// The task entered a `pause:` state.
        case paused = "sla_paused"
        /// The task left the `pause:` states.
        case resumed = "sla_resumed"
        /// The target changed (its keyed field did); every step moved.
        case retargeted = "sla_retargeted"
        /// The warning threshold passed.
        case warning = "sla_warning"
        /// The target passed.
        case breached = "sla_breached"
        /// An escalation level was reached.
        case escalated = "escalated"
        /// The clock stopped before its target.
        case met = "sla_met"
        /// The clock stopped after it breached.
        case stopped = "sla_stopped"
    }

    /// What happened.
    public let kind: Kind
    /// The clock afterwards.
    public let clock: SLAClock
}
