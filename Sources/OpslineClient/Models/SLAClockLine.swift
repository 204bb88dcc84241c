import Foundation

/// One SLA clock with its task, as `GET /v1/sla/breaches` and `GET /v1/sla/at-risk` list them.
public struct SLAClockLine: Decodable, Sendable, Hashable {
    /// The task's identifier, such as `CMP-42`.
    public var task: String
    /// The task's title.
    public var title: String
    /// The task's workflow.
    public var workflow: String
    /// The team that owns the task now.
    public var team: String?
    /// The person working on the task now.
    public var assignee: String?
    /// The task's priority.
    public var priority: String?
    /// The state the task is in.
    public var taskState: String
    /// The clock's policy, such as `resolution`.
    public var policy: String
    /// The clock's cycle: 1 for the policy's first clock on the task, 2 for the one its first
    /// restart began, …
    public var cycle: Int
    /// The clock's own state: `running`, `paused` or `stopped`.
    public var state: String
    /// When the clock started.
    public var startedAt: Date?
    /// The deadline: when the clock breached, or breaches if it keeps running.
    public var dueAt: Date?
    /// When the clock breached.
    public var breachedAt: Date?
    /// When the clock stopped.
    public var stoppedAt: Date?
    /// How many escalation levels were reached.
    public var escalationLevel: Int
    /// The target, in working seconds.
    public var targetSeconds: Int?
    /// Working seconds left before the deadline (negative once past it), for a clock not stopped.
    public var remainingSeconds: Int?
    /// The team that held the task when the clock breached: the team the breach is charged to.
    public var breachedTeam: String?
    /// The person the task was assigned to when the clock breached.
    public var breachedAssignee: String?
    /// The team that held the task when the clock stopped.
    public var stoppedTeam: String?
    /// The person the task was assigned to when the clock stopped.
    public var stoppedAssignee: String?
    /// The task's team now, when an escalation (or a hand-over) moved it away from the team the
    /// clock is charged to.
    public var escalatedTo: String?

    /// The team the clock counts for: the team that held the task at the breach, else the task's
    /// team.
    public var chargedTeam: String? { breachedAt != nil ? breachedTeam : team }

    enum CodingKeys: String, CodingKey {
        case task, title, workflow, team, assignee, priority, policy, cycle, state
        case taskState = "task_state"
        case startedAt = "started_at"
        case dueAt = "due_at"
        case breachedAt = "breached_at"
        case stoppedAt = "stopped_at"
        case escalationLevel = "escalation_level"
        case targetSeconds = "target_s"
        case remainingSeconds = "remaining_s"
        case breachedTeam = "breached_team"
        case breachedAssignee = "breached_assignee"
        case stoppedTeam = "stopped_team"
        case stoppedAssignee = "stopped_assignee"
        case escalatedTo = "escalated_to"
    }

    /// Decodes a clock line; times are RFC 3339 text.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        task = try container.decode(String.self, forKey: .task)
        title = try container.decode(String.self, forKey: .title)
        workflow = try container.decode(String.self, forKey: .workflow)
        team = try container.decodeIfPresent(String.self, forKey: .team)
        assignee = try container.decodeIfPresent(String.self, forKey: .assignee)
        priority = try container.decodeIfPresent(String.self, forKey: .priority)
        taskState = try container.decode(String.self, forKey: .taskState)
        policy = try container.decode(String.self, forKey: .policy)
        cycle = try container.decodeIfPresent(Int.self, forKey: .cycle) ?? 1
        state = try container.decode(String.self, forKey: .state)
        startedAt = try container.decodeTimestampIfPresent(forKey: .startedAt)
        dueAt = try container.decodeTimestampIfPresent(forKey: .dueAt)
        breachedAt = try container.decodeTimestampIfPresent(forKey: .breachedAt)
        stoppedAt = try container.decodeTimestampIfPresent(forKey: .stoppedAt)
        escalationLevel = try container.decodeIfPresent(Int.self, forKey: .escalationLevel) ?? 0
        targetSeconds = try container.decodeIfPresent(Int.self, forKey: .targetSeconds)
        remainingSeconds = try container.decodeIfPresent(Int.self, forKey: .remainingSeconds)
        // A server from before attribution says nothing: its breaches count for the task's team.
        breachedTeam =
            container.contains(.breachedTeam)
            ? try container.decodeIfPresent(String.self, forKey: .breachedTeam) : breachedAt.flatMap { _ in team }
        breachedAssignee = try container.decodeIfPresent(String.self, forKey: .breachedAssignee)
        stoppedTeam = try container.decodeIfPresent(String.self, forKey: .stoppedTeam)
        stoppedAssignee = try container.decodeIfPresent(String.self, forKey: .stoppedAssignee)
        escalatedTo = try container.decodeIfPresent(String.self, forKey: .escalatedTo)
    }
}
