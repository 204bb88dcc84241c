/// A task to create: one line of `POST /v1/tasks`.
public struct NewTask: Sendable, Hashable {
    /// The workflow the task follows.
    public var workflow: String
    /// A one-line summary.
    public var title: String
    /// Values for the workflow's custom fields.
    public var fields: [String: ClientJSON]
    /// The owning team; the server picks the workflow's default when unset.
    public var team: String?
    /// The person to assign.
    public var assignee: String?
    /// The priority, such as `p1`.
    public var priority: String?
    /// The parent task's identifier.
    public var parent: String?
    /// A key that makes retries safe: the server creates the task once per key.
    public var idempotencyKey: String?

    /// Creates a task description.
    public init(
        workflow: String, title: String, fields: [String: ClientJSON] = [:], team: String? = nil,
        assignee: String? = nil, priority: String? = nil, parent: String? = nil,
        idempotencyKey: String? = nil
    ) {
        self.workflow = workflow
        self.title = title
        self.fields = fields
        self.team = team
        self.assignee = assignee
        self.priority = priority
        self.parent = parent
        self.idempotencyKey = idempotencyKey
    }

    /// The request line, with unset members left out.
    public var line: ClientJSON {
        var members: [String: ClientJSON] = [
            "workflow": .string(workflow), "title": .string(title), "fields": .object(fields),
        ]
        members["team"] = team.map(ClientJSON.string)
        members["assignee"] = assignee.map(ClientJSON.string)
        members["priority"] = priority.map(ClientJSON.string)
        members["parent"] = parent.map(ClientJSON.string)
        members["idempotency_key"] = idempotencyKey.map(ClientJSON.string)
        return .object(members)
    }
}
