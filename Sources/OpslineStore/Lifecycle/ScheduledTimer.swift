import Foundation
import Postgres

/// A workflow timer waiting in `due_work`: the transition it fires, the state it belongs to, and
/// when it is due. Leaving the state cancels it.
public struct ScheduledTimer: Sendable, Hashable {
    /// The state the task must still be in when the timer comes due.
    public let state: String
    /// The transition the timer fires.
    public let fire: String
    /// When it is due: the moment the task entered the state plus the timer's `after`.
    public let dueAt: Date

    init(row: PostgresRow) throws {
        state = try row.decode("state")
        fire = try row.decode("fire")
        dueAt = try row.decode("due_at")
    }
}

extension TaskStore {
    /// The timers waiting for a task, soonest first; empty when none is running.
    public func timers(of taskID: String) async throws -> [ScheduledTimer] {
        let rows = try await pool.withIdempotentStatements {
            try await $0.query(LifecycleSQL.timersOfTask, [taskID]).rows
        }
        return try rows.map(ScheduledTimer.init(row:))
    }
}
