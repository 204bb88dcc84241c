import Foundation
import Postgres
import Workflow

/// One entry of the event log: a committed change to a task.
public struct EventRecord: Sendable, Hashable {
    /// Strictly increasing across the whole log; the stream's resume cursor.
    public let seq: Int64
    /// When the change was committed (the transaction's time).
    public let at: Date
    /// The task it is about.
    public let taskID: String
    /// The workflow of that task.
    public let workflow: String
    /// `created`, `transitioned`, … (the types are listed in docs/api.md, "The event stream").
    public let type: String
    /// Who made the change (a token's name), if anyone.
    public let actor: String?
    /// Type-specific details.
    public let data: [String: JSONValue]

    /// The columns a query selects from `events` (as `e`, joined with its task as `t`).
    /// An event's task is looked up by its key for the workflow, one row at a time: joined, a
    /// follower's page of a few events hashed the whole tasks table when it was small.
    static let columns = """
        e.seq, e.at, e.task_id, (SELECT t.workflow FROM tasks t WHERE t.id = e.task_id) AS workflow, e.type,
            e.actor, e.data::text AS data
        """

    init(row: PostgresRow) throws {
        seq = try row.decode("seq")
        at = try row.decode("at")
        taskID = try row.decode("task_id")
        workflow = try row.decode("workflow")
        type = try row.decode("type")
        actor = try row.decode("actor")
        data = try JSONText.decodeObject(try row.decode("data"))
    }
}
