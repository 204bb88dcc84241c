import Workflow

/// A task to create: one line of `POST /v1/tasks`.
public struct NewTask: Sendable, Hashable {
    /// The workflow the task follows.
    public var workflow: String
    /// A one-line summary.
    public var title: String
    /// Values for the workflow's custom fields.
    public var fields: [String: JSONValue]
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
        workflow: String, title: String, fields: [String: JSONValue] = [:], team: String? = nil,
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
    public var line: JSONValue {
        var members: [String: JSONValue] = [
            "workflow": .string(workflow), "title": .string(title), "fields": .object(fields),
        ]
        members["team"] = team.map(JSONValue.string)
        members["assignee"] = assignee.map(JSONValue.string)
        members["priority"] = priority.map(JSONValue.string)
        members["parent"] = parent.map(JSONValue.string)
        members["idempotency_key"] = idempotencyKey.map(JSONValue.string)
        return .object(members)
    }
}
