import Foundation
import Workflow

/// Ticking (or unticking) an item of the checklist of the state a task is in.
public struct ChecklistTick: Sendable, Hashable {
    /// The task.
    public var taskID: String
    /// The item's name, as the state's `checklist:` declares it.
    public var item: String
    /// `true` to tick it, `false` to untick it.
    public var done: Bool
    /// When set, refused unless the task is still at this version.
    public var expectedVersion: Int?

    /// Ticks (or, with `done: false`, unticks) `item` on task `taskID`.
    public init(taskID: String, item: String, done: Bool = true, expectedVersion: Int? = nil) {
        self.taskID = taskID
        self.item = item
        self.done = done
        self.expectedVersion = expectedVersion
    }
}

/// Who ticked a checklist item, and when.
public struct CheckMark: Sendable, Hashable {
    /// The caller's name.
    public let by: String
    /// When it was ticked.
    public let at: Date

    /// The mark as stored and shown: `{"by", "at"}`.
    var json: JSONValue {
        ["by": .string(by), "at": .string(RFC3339.format(at))]
    }

    /// A mark as stored in the task's `checks`.
    init?(json: JSONValue) {
        guard let by = json["by"]?.stringValue, let at = json["at"]?.stringValue.flatMap(RFC3339.parse)
        else { return nil }
        self.by = by
        self.at = at
    }

    init(by: String, at: Date) {
        self.by = by
        self.at = at
    }
}
