/// One step taken after an SLA breach, e.g. hand the task to `support-l2` and raise its priority.
public struct EscalationLevel: Sendable, Hashable {
    /// How long after the breach this level applies; `0` means at the breach.
    public let after: WorkDuration
    /// The team the task is handed to.
    public let team: String?
    /// The user the task is assigned to.
    public let assignee: String?
    /// How the task's priority changes.
    public let priority: PriorityChange?
    /// A transition fired on the task.
    public let fire: String?
    /// The receivers told when the level is reached (`notify: [...]`): subscription names,
    /// recorded in the `escalated` event's `notify`.
    public let notify: [String]

    /// Creates an escalation level.
    /// - Parameters:
    ///   - after: How long after the breach it applies.
    ///   - team: The team the task is handed to.
    ///   - assignee: The user the task is assigned to.
    ///   - priority: How the task's priority changes.
    ///   - fire: A transition fired on the task.
    ///   - notify: The receivers told when the level is reached.
    public init(
        after: WorkDuration,
        team: String? = nil,
        assignee: String? = nil,
        priority: PriorityChange? = nil,
        fire: String? = nil,
        notify: [String] = []
    ) {
        self.after = after
        self.team = team
        self.assignee = assignee
        self.priority = priority
        self.fire = fire
        self.notify = notify
    }
}

extension EscalationLevel {
    /// How an escalation changes a task's priority.
    public enum PriorityChange: Sendable, Hashable {
        /// One step more urgent (`priority: raise`).
        case raise
        /// Set to this priority (`priority: p1`).
        case set(String)
    }
}

extension EscalationLevel.PriorityChange {
    /// The priority after the change: on a workflow's priority scale, `raise` moves one step up
    /// it (``PriorityScale/raised(_:)``); without one, `raise` moves `pN` to `p(N-1)`, no higher
    /// than `p1`, and leaves a missing priority or another spelling as it is.
    public func applied(to priority: String?, on scale: PriorityScale?) -> String? {
        switch self {
        case .set(let value): return value
        case .raise:
            if let scale { return scale.raised(priority) }
            guard let priority, priority.first == "p", let number = Int(priority.dropFirst()) else { return priority }
            return "p\(max(1, number - 1))"
        }
    }
}
