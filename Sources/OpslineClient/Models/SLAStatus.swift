import Foundation

/// One SLA clock of a task, as listed in a task line's `sla` array.
public struct SLAStatus: Codable, Sendable, Hashable {
    /// The policy's name, such as `resolution`.
    public var policy: String
    /// The clock's cycle (1 unless a restart began another); `nil` from a server that does not say.
    public var cycle: Int?
    /// The clock's state: `running`, `paused`, `met`, `breached`, …
    public var state: String
    /// When the clock breaches, if it has a deadline.
    public var dueAt: Date?
    /// When the clock stopped, for a clock that is met or breached.
    public var stoppedAt: Date?
    /// Seconds left before the deadline, for a running clock.
    public var remainingSeconds: Int?
    /// How many escalation steps have fired.
    public var escalationLevel: Int?
    /// When the clock's warning fired, if it has.
    public var warnedAt: Date?

    /// Creates an SLA status.
    public init(
        policy: String, state: String, dueAt: Date? = nil, stoppedAt: Date? = nil,
        remainingSeconds: Int? = nil, escalationLevel: Int? = nil, warnedAt: Date? = nil, cycle: Int? = nil
    ) {
        self.policy = policy
        self.cycle = cycle
        self.state = state
        self.dueAt = dueAt
        self.stoppedAt = stoppedAt
        self.remainingSeconds = remainingSeconds
        self.escalationLevel = escalationLevel
        self.warnedAt = warnedAt
    }

    enum CodingKeys: String, CodingKey {
        case policy, cycle, state
        case dueAt = "due_at"
        case stoppedAt = "stopped_at"
        case remainingSeconds = "remaining_s"
        case escalationLevel = "escalation_level"
        case warnedAt = "warned_at"
    }

    /// Decodes one entry of a task line's `sla` array.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        policy = try container.decode(String.self, forKey: .policy)
        cycle = try container.decodeIfPresent(Int.self, forKey: .cycle)
        state = try container.decode(String.self, forKey: .state)
        dueAt = try container.decodeTimestampIfPresent(forKey: .dueAt)
        stoppedAt = try container.decodeTimestampIfPresent(forKey: .stoppedAt)
        remainingSeconds = try container.decodeIfPresent(Int.self, forKey: .remainingSeconds)
        escalationLevel = try container.decodeIfPresent(Int.self, forKey: .escalationLevel)
        warnedAt = try container.decodeTimestampIfPresent(forKey: .warnedAt)
    }

    /// Encodes the entry as the server writes it, times as RFC 3339 text.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(policy, forKey: .policy)
        try container.encodeIfPresent(cycle, forKey: .cycle)
        try container.encode(state, forKey: .state)
        try container.encodeTimestamp(dueAt, forKey: .dueAt)
        try container.encodeTimestamp(stoppedAt, forKey: .stoppedAt)
        try container.encodeIfPresent(remainingSeconds, forKey: .remainingSeconds)
        try container.encodeIfPresent(escalationLevel, forKey: .escalationLevel)
        try container.encodeTimestamp(warnedAt, forKey: .warnedAt)
    }
}
