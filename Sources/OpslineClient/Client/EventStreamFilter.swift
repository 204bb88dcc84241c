/// Which events `GET /v1/events` sends; unset criteria do not filter.
///
/// Named apart from the store's `EventFilter` so code that imports both modules stays unambiguous.
public struct EventStreamFilter: Sendable, Hashable {
    /// Only events of this task.
    public var task: String?
    /// Only events of tasks owned by this team.
    public var team: String?
    /// Only events of tasks following this workflow.
    public var workflow: String?
    /// Only events of this type, such as `transitioned`.
    public var type: String?

    /// Creates a filter.
    public init(
        task: String? = nil, team: String? = nil, workflow: String? = nil, type: String? = nil
    ) {
        self.task = task
        self.team = team
        self.workflow = workflow
        self.type = type
    }

    /// The query parameters, in the API's order, for the criteria that are set.
    var queryItems: [(name: String, value: String)] {
        let items: [(String, String?)] = [
            ("task", task), ("team", team), ("workflow", workflow), ("type", type),
        ]
        return items.compactMap { name, value in value.map { (name: name, value: $0) } }
    }
}
