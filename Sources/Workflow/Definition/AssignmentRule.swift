/// How a workflow's tasks get an assignee when they arrive in a team without one: created without
/// an assignee, or moved to another team by an SLA escalation (`assign:` in a workflow file).
public struct AssignmentRule: Sendable, Hashable {
    /// How the member is picked among the team's active members and managers.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// Each in turn: the member who was given a task by this rule longest ago (or never).
        case roundRobin = "round_robin"
        /// The member with the fewest open tasks in the team; ties go to the member given a task
        /// by a rule longest ago (or never), then by name.
        case leastLoaded = "least_loaded"
    }

    /// How the member is picked.
    public let kind: Kind
    /// The team whose tasks the rule assigns; `nil`: every team's without a rule of its own.
    public let team: String?

    /// Creates a rule.
    public init(kind: Kind, team: String?) {
        self.kind = kind
        self.team = team
    }
}

extension WorkflowDefinition {
    /// The rule that assigns this workflow's tasks arriving in `team`: the rule naming the team,
    /// else the rule naming none, else `nil` (tasks stay unassigned).
    public func assignmentRule(forTeam team: String) -> AssignmentRule? {
        assignment.first { $0.team == team } ?? assignment.first { $0.team == nil }
    }
}
