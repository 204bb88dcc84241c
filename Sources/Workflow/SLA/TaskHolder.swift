/// Who held a task at a moment: its team and assignee. A clock records them when it breaches and
/// when it stops, so a breach is charged to the team that held the task when it fell due, not to
/// whoever holds the task now.
public struct TaskHolder: Sendable, Hashable {
    /// The team that owned the task.
    public var team: String?
    /// The person it was assigned to.
    public var assignee: String?

    /// Creates a holder.
    public init(team: String? = nil, assignee: String? = nil) {
        self.team = team
        self.assignee = assignee
    }
}
