import Foundation
import Postgres
import Workflow

/// One claimed row of `due_work`.
struct DueWorkItem {
    let id: Int64
    let kind: String
    let taskID: String
    let dueAt: Date
    let payload: [String: JSONValue]

    init(row: PostgresRow) throws {
        id = try row.decode("id")
        kind = try row.decode("kind")
        taskID = try row.decode("task_id")
        dueAt = try row.decode("due_at")
        payload = try JSONText.decodeObject(try row.decode("payload"))
    }
}
