extension SLAPolicy {
    /// How much working time an SLA clock allows.
    public enum Target: Sendable, Hashable {
        /// The same duration for every task (`target: 4h`).
        case fixed(WorkDuration)
        /// A duration per value of an enum field (`target: {by: severity, p1: 30m, p2: 2h}`).
        case keyed(field: String, durations: [String: WorkDuration])

        /// The duration that applies to a task with these fields.
        /// - Parameter fields: The task's fields.
        /// - Returns: The duration, or `nil` when a keyed target's field is absent.
        public func duration(for fields: [String: JSONValue]) -> WorkDuration? {
            switch self {
            case .fixed(let duration):
                return duration
            case .keyed(let field, let durations):
                guard case .string(let value) = fields[field] else { return nil }
                return durations[value]
            }
        }
    }
}
