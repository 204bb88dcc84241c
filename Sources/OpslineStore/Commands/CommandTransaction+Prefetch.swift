import Foundation
import Postgres

extension CommandTransaction {
    /// Locks the existing tasks a batch's lines name, all in one statement and in id order, and
    /// keeps their rows for `lockTask`: a line then needs no round trip of its own to lock its
    /// task, and its savepoint, writes and release go out together (`inSavepoint`).
    ///
    /// A kept row is what `lockTask` would read, as long as nothing in the transaction has
    /// changed the task: only commands that lock their task (`lockTask`) change an existing task
    /// or its clocks, and `lockTask` takes a kept row out when it uses it, so a second line on
    /// the same task reads the row again (with the first line's writes). Lines refused before
    /// locking their task (input limits, idempotency keys) leave it kept, unchanged.
    ///
    /// Every task is locked before the first line runs, rather than each as its line comes, and
    /// stays locked until the commit even when its line is refused (a rolled-back savepoint would
    /// have released it): a batch holds its rows a little longer, and two batches lock their
    /// common tasks in the same order.
    func lockTasks(of entries: [BatchCommand]) async throws {
        var ids = Set<String>()
        for entry in entries where entry.keyRefusal == nil {
            if let id = entry.command.taskID { ids.insert(id) }
        }
        guard !ids.isEmpty else { return }
        let rows = try await connection.query(TaskSQL.lockTasks, [ids.sorted(), statementNow], prepared: true).rows
        for row in rows {
            let task = try TaskRecord(row: row)
            lockedTasks[task.id] = (task, try row.decode("transaction_now"))
        }
        // A task created by another transaction after this lock is not seen by this batch: the
        // line is refused as if it had run a moment earlier.
        missingTasks = ids.subtracting(lockedTasks.keys)
    }
}
