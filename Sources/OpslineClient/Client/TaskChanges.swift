import Workflow

/// A change to a task: the line of `PATCH /v1/tasks/{id}`, with what is left `nil` unchanged.
///
/// Named apart from the store's `TaskUpdate` so code that imports both modules stays unambiguous.
public struct TaskChanges: Sendable, Hashable {
    /// A new value for a member that can also be cleared.
    public enum Change: Sendable, Hashable {
        /// Set the member to this value.
        case set(String)
        /// Clear the member (`null`).
        case clear

        var json: JSONValue {
            switch self {
            case .set(let value): .string(value)
            case .clear: .null
            }
        }
    }

    /// Field values to set; `null` removes a field.
    public var fields: [String: JSONValue]
    /// A new title.
    public var title: String?
    /// A new assignee, or none.
    public var assignee: Change?
    /// A new owning team.
    public var team: Change?
    /// A new priority, or none.
    public var priority: Change?
    /// The version the caller saw; the server refuses the change with `version_conflict` when
    /// the task has changed since.
    public var expectedVersion: Int?

    /// Creates an update.
    public init(
        fields: [String: JSONValue] = [:], title: String? = nil, assignee: Change? = nil, team: Change? = nil,
        priority: Change? = nil, expectedVersion: Int? = nil
    ) {
        self.fields = fields
        self.title = title
        self.assignee = assignee
        self.team = team
        self.priority = priority
        self.expectedVersion = expectedVersion
    }

    /// Whether the update changes nothing (``expectedVersion`` alone changes nothing).
    public var isEmpty: Bool {
        fields.isEmpty && title == nil && assignee == nil && team == nil && priority == nil
    }

    /// The request line, with unchanged members left out.
    public var line: JSONValue {
        var members: [String: JSONValue] = [:]
        members["fields"] = fields.isEmpty ? nil : .object(fields)
        members["title"] = title.map(JSONValue.string)
        members["assignee"] = assignee?.json
        members["team"] = team?.json
        members["priority"] = priority?.json
        members["expected_version"] = expectedVersion.map { .int(Int64($0)) }
        return .object(members)
    }
}
