import Foundation
import Postgres
import Workflow

/// One claimed row of `due_work`, its kind and payload read into `work`.
struct DueWorkItem {
    let id: Int64
    /// The task the row belongs to; nil for a schedule's occurrence, which creates one.
    let taskID: String?
    let dueAt: Date
    /// What the row asks for.
    let work: DueWork

    init(row: PostgresRow) throws {
        id = try row.decode("id")
        taskID = try row.decode("task_id")
        dueAt = try row.decode("due_at")
        work = DueWork(kind: try row.decode("kind"), payload: try JSONText.decodeObject(try row.decode("payload")))
    }
}
