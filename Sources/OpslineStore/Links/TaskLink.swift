import Foundation
import Postgres
import Workflow

/// A link of a task to another, as the task sees it (`caused_by` seen from the other side reads
/// `causes`).
public struct TaskLink: Sendable, Hashable {
    /// How this task relates to the other.
    public let type: LinkType
    /// The other task.
    public let task: String
    /// Who made the link.
    public let createdBy: String
    /// When.
    public let createdAt: Date

    init(row: PostgresRow) throws {
        let name: String = try row.decode("type")
        guard let type = LinkType(rawValue: name) else { throw StoreError.corruptRow("task_links.type = \(name)") }
        self.type = type
        task = try row.decode("task")
        createdBy = try row.decode("created_by")
        createdAt = try row.decode("created_at")
    }

    /// `{"type", "task", "created_by", "created_at"}`.
    public var json: JSONValue {
        [
            "type": .string(type.rawValue), "task": .string(task), "created_by": .string(createdBy),
            "created_at": .string(RFC3339.format(createdAt)),
        ]
    }
}

/// Making or removing a link from a task to another.
public struct LinkChange: Sendable, Hashable {
    /// The task the link is made from.
    public var taskID: String
    /// `relates_to` or `caused_by` (the task exists because of `other`).
    public var type: LinkType
    /// The other task.
    public var other: String
    /// Whether the link is removed rather than made.
    public var remove: Bool

    /// Links `taskID` to `other` as `type` (or, with `remove`, unlinks them).
    public init(taskID: String, type: LinkType, other: String, remove: Bool = false) {
        self.taskID = taskID
        self.type = type
        self.other = other
        self.remove = remove
    }
}
