import Foundation
import MetricsTestKit
@testable import OpslineStore
import Postgres
import Testing
import TestSupport
import Workflow

/// A caller's single commands that arrive while its transactions are busy wait, then share the
/// next transaction, each with the outcome it would have had alone.
@Suite struct CommandCoalescerTests {
    typealias Lines = BatchGroupTests

    @Test func commandsArrivingWhileTheCallersTransactionIsBusyShareTheNextOneEachWithItsOwnOutcome() async throws {
        let store = try await BatchGroupTests().prepared(singleCommandTransactions: 1)
        let tasks = store.database.tasks
        _ = try await tasks.applyBatch(
            (1...6).map { Lines.create("t\($0)") }, atomic: false, caller: .system(), authorize: .system,
            render: Lines.render)
        let coalescer = try #require(tasks.coalescer)
        let caller = CommandCaller.system("worker")
        let apply = { (entry: BatchCommand) in
            Task { try await tasks.applyOne(entry, caller: caller, authorize: .system, render: Lines.render) }
        }
        // Another session holds CMP-1, so the caller's one transaction (moving CMP-1) stays busy
        // while the others arrive.
        let blocker = try await PostgresConnection.connect(store.database.pool.conninfo)
        try await blocker.execute("BEGIN")
        try await blocker.query("SELECT 1 FROM tasks WHERE id = 'CMP-1' FOR UPDATE")
        let first = apply(Lines.move("CMP-1", "investigate"))
        try await eventually { coalescer.load(of: caller).running == 1 }
        var poisoned = TaskUpdate(taskID: "CMP-6")
        poisoned.title = "poison"  // PostgreSQL refuses it: the shared transaction runs again with savepoints
        let keyed = Lines.move("CMP-5", "investigate")
        let waiting = [
            Lines.move("CMP-2", "investigate"),
            Lines.move("CMP-3", "close"),  // not from received: refused
            Lines.move("CMP-4", "investigate", version: 9),  // stale version: refused
            BatchCommand(command: keyed.command, idempotencyKey: "k", requestHash: keyed.requestHash),
            BatchCommand(command: keyed.command, idempotencyKey: "k", requestHash: keyed.requestHash),
            BatchCommand(command: .update(poisoned), idempotencyKey: nil, requestHash: "poison"),
        ]
        var others: [Task<CommandOutcome, any Error>] = []
        for entry in waiting {  // one at a time, so that they wait in this order
            others.append(apply(entry))
            try await eventually { coalescer.load(of: caller).waiting == others.count }
        }
        #expect(try await Lines().states(store)["CMP-2"] == "received")  // nothing applied yet
        try await blocker.execute("ROLLBACK")

        #expect(try await first.value.succeeded)
        var outcomes: [CommandOutcome] = []
        for other in others { outcomes.append(try await other.value) }
        #expect(outcomes.map(\.succeeded) == [true, false, false, true, true, false])
        #expect(outcomes.map(\.replayed) == [false, false, false, false, true, false])
        #expect(
            try await Lines().states(store) == [
                "CMP-1": "investigating", "CMP-2": "investigating", "CMP-3": "received", "CMP-4": "received",
                "CMP-5": "investigating", "CMP-6": "received",
            ])
        // CMP-2's and CMP-5's moves committed in one transaction, not CMP-1's.
        let transactions = try await store.database.pool.withConnection { connection in
            try await connection.query(
                """
                SELECT count(DISTINCT xid) FILTER (WHERE task_id IN ('CMP-2', 'CMP-5')) AS shared,
                    count(DISTINCT xid) AS every
                FROM events WHERE type = 'transitioned'
                """
            ).rows[0]
        }
        #expect(try transactions.decode("shared", as: Int.self) == 1)
        #expect(try transactions.decode("every", as: Int.self) == 2)
        #expect(try store.metrics.expectCounter("opsline_commands_shared_total").totalValue == 6)
        #expect(coalescer.load(of: caller) == (0, 0))
        await blocker.close()
        await store.database.pool.close()
    }

    @Test func aCallersCommandsNeverWaitForAnotherCallersTransactions() async throws {
        let store = try await BatchGroupTests().prepared(singleCommandTransactions: 1)
        let tasks = store.database.tasks
        _ = try await tasks.applyBatch(
            [Lines.create("one"), Lines.create("two")], atomic: false, caller: .system(), authorize: .system,
            render: Lines.render)
        let coalescer = try #require(tasks.coalescer)
        let blocker = try await PostgresConnection.connect(store.database.pool.conninfo)
        try await blocker.execute("BEGIN")
        try await blocker.query("SELECT 1 FROM tasks WHERE id = 'CMP-1' FOR UPDATE")
        let busy = CommandCaller.system("busy")
        let held = Task {
            try await tasks.applyOne(
                Lines.move("CMP-1", "investigate"), caller: busy, authorize: .system, render: Lines.render)
        }
        try await eventually { coalescer.load(of: busy).running == 1 }
        // Another caller's command runs at once, in its own transaction, while `busy`'s waits.
        let other = try await tasks.applyOne(
            Lines.move("CMP-2", "investigate"), caller: .system("other"), authorize: .system, render: Lines.render)
        #expect(other.succeeded)
        #expect(coalescer.load(of: busy) == (1, 0))
        try await blocker.execute("ROLLBACK")
        #expect(try await held.value.succeeded)
        #expect(try store.metrics.expectCounter("opsline_commands_shared_total").totalValue == 0)
        await blocker.close()
        await store.database.pool.close()
    }

    @Test func aCallersBatchWaitsForItsTurnWhileItsOtherBatchHoldsTheOnlyOne() async throws {
        let store = try await BatchGroupTests().prepared(batchTransactions: 1)
        let tasks = store.database.tasks
        _ = try await Lines().apply([Lines.create("one"), Lines.create("two")], on: store)
        let turns = try #require(tasks.batchTurns)
        let caller = CommandCaller.system()
        // Another session holds CMP-1, so the caller's batch moving it keeps the only turn.
        let blocker = try await PostgresConnection.connect(store.database.pool.conninfo)
        try await blocker.execute("BEGIN")
        try await blocker.query("SELECT 1 FROM tasks WHERE id = 'CMP-1' FOR UPDATE")
        let first = Task { try await Lines().apply([Lines.move("CMP-1", "investigate")], on: store) }
        try await eventually {
            (try? store.metrics.expectTimer("opsline_batch_turn_wait_seconds").values.count) == 2
        }
        let second = Task { try await Lines().apply([Lines.move("CMP-2", "investigate")], on: store) }
        try await eventually { turns.waiting(for: caller) == 1 }
        // CMP-2 is free, yet its batch has not run: it waits for the caller's turn.
        #expect(try await Lines().states(store)["CMP-2"] == "received")
        try await blocker.execute("ROLLBACK")
        #expect(try await first.value.outcomes.map(\.succeeded) == [true])
        #expect(try await second.value.outcomes.map(\.succeeded) == [true])
        // Every batch's wait is measured: the seed's, the first's and the second's.
        #expect(try store.metrics.expectTimer("opsline_batch_turn_wait_seconds").values.count == 3)
        await blocker.close()
    }

    /// Waits, yielding, until `condition` holds: what it waits for happens on other tasks, not
    /// after some time.
    private func eventually(_ condition: () -> Bool) async throws {
        for _ in 0..<10_000 where !condition() {
            try await Task.sleep(for: .milliseconds(2))
        }
        #expect(condition())
    }
}
