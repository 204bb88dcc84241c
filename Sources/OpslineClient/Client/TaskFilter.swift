/// Which tasks `GET /v1/tasks` lists; unset criteria do not filter.
public struct TaskFilter: Sendable, Hashable {
    /// Only tasks of this workflow.
    public var workflow: String?
    /// Only tasks in this state.
    public var state: String?
    /// Only tasks of this team.
    public var team: String?
    /// Only tasks assigned to this person.
    public var assignee: String?
    /// Only tasks of this priority.
    public var priority: String?
    /// At most this many tasks.
    public var limit: Int?
    /// Only tasks after this task identifier, to resume a listing.
    public var after: String?

    /// Creates a filter.
    public init(
        workflow: String? = nil, state: String? = nil, team: String? = nil,
        assignee: String? = nil, priority: String? = nil, limit: Int? = nil, after: String? = nil
    ) {
        self.workflow = workflow
        self.state = state
        self.team = team
        self.assignee = assignee
        self.priority = priority
        self.limit = limit
        self.after = after
    }

    /// The query parameters, in the API's order, for the criteria that are set.
    var queryItems: [(name: String, value: String)] {
        let items: [(String, String?)] = [
            ("workflow", workflow), ("state", state), ("team", team), ("assignee", assignee),
            ("priority", priority), ("limit", limit.map(String.init)), ("after", after),
        ]
        return items.compactMap { name, value in value.map { (name: name, value: $0) } }
    }
}
