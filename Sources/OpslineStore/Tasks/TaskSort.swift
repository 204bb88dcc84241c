import Postgres

/// The orders a task list comes in. Each is total (ties go by creation order), so that resuming
/// after a task (`TaskFilter.after`) neither skips nor repeats one.
public enum TaskSort: Sendable, Hashable {
    /// Oldest first: the order tasks were created in (the default).
    case oldestFirst
    /// Most urgent first: the soonest deadline of a running SLA clock (a breached one's passed
    /// deadline, its breach time, is sooner than any still ahead), tasks without a running clock
    /// last; ties oldest first.
    case due
    /// Most urgent priority first: `p1`, `p2`, … by number (as an escalation's `raise` reads
    /// them), other values after them in text order, tasks without a priority last; ties oldest
    /// first.
    case priority
    /// Most recently changed first.
    case updated
    /// Newest first.
    case created
    /// By one field's value (`field.score`, or `-field.score` for the largest first), tasks
    /// without a value last; ties oldest first.
    case field(FieldOrder)

    /// The orders `sort=` names by a word (the default needs none).
    public static let named: [TaskSort] = [.due, .priority, .updated, .created]

    /// The value of `sort=` that asks for this order.
    public var name: String {
        switch self {
        case .oldestFirst: "oldest"
        case .due: "due"
        case .priority: "priority"
        case .updated: "updated"
        case .created: "created"
        case .field(let order): order.sortName
        }
    }

    /// Whether the order starts from the largest or latest key: `aria-sort`'s "descending".
    public var isDescending: Bool {
        switch self {
        case .updated, .created: true
        case .oldestFirst, .due, .priority: false
        case .field(let order): order.descending
        }
    }
}

/// Where a task stands in a ``TaskSort`` order: its row id and the order's keys as PostgreSQL
/// prints them (a timestamp as text keeps its microseconds), to resume after it.
public struct TaskListCursor: Sendable, Hashable {
    let rowID: Int64
    let keys: [String?]

    /// Reads `row_id` and `cursor1`…`cursor3` of a ``TaskListSQL`` row.
    init(row: PostgresRow) throws {
        rowID = try row.decode("row_id")
        keys = try ["cursor1", "cursor2", "cursor3"].map { try row.decode($0, as: String?.self) }
    }
}
