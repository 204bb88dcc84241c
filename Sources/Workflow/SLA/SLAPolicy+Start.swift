extension SLAPolicy {
    /// When an SLA clock starts.
    public enum Start: Sendable, Hashable {
        /// When the task is created (`start: created`).
        case created
        /// When the task enters one of these states (`start: {enter: [...]}`).
        case entering([String])
    }
}
