extension SLAPolicy {
    /// Who an SLA clock's warning and breach tell (`notify: {warning: [...], breach: [...]}`):
    /// receiver names, which are subscription names. The `sla_warning` and `sla_breached` events
    /// record them in their `notify`, and the outbox sends each named subscription the event.
    public struct Notify: Sendable, Hashable {
        /// The receivers told when the clock warns.
        public let warning: [String]
        /// The receivers told when the clock breaches.
        public let breach: [String]

        /// Creates the receivers of a policy's steps.
        /// - Parameters:
        ///   - warning: The receivers told at the warning.
        ///   - breach: The receivers told at the breach.
        public init(warning: [String] = [], breach: [String] = []) {
            self.warning = warning
            self.breach = breach
        }
    }

    /// The receivers told when `step` happens: the warning's, the breach's, or an escalation
    /// level's (1-based); none for a level the policy does not have.
    public func receivers(of step: SLAStep) -> [String] {
        switch step {
        case .warning: return notify.warning
        case .breach: return notify.breach
        case .escalation(let level):
            return escalations.indices.contains(level - 1) ? escalations[level - 1].notify : []
        }
    }
}
