import Foundation
import MetricsTestKit
@testable import OpslineStore
import Postgres
import Testing
import TestSupport
import Workflow

/// A batch runs first without savepoints. A line refused before it sent anything is undone by
/// forgetting what it held back; a line refused after its SQL went out, or a value PostgreSQL
/// refuses, makes the batch run again with a savepoint per line. Either way a refused line
/// leaves its neighbours applied and nothing of its own.
@Suite struct BatchGroupTests {
    struct Store {
        let database: OpslineDatabase
        let metrics: TestMetrics

        /// How many batches ran a second time, with savepoints.
        var reruns: Int64 {
            get throws { try metrics.expectCounter("opsline_batches_rerun_total").totalValue }
        }
    }

    /// - Parameters: singleCommandTransactions, batchTransactions: as `OpslineDatabase` takes them.
    func prepared(singleCommandTransactions: Int? = nil, batchTransactions: Int? = nil) async throws -> Store {
        let metrics = TestMetrics()
        let pool = PostgresPool(conninfo: try await TestCluster.shared.makeDatabase(), maximumConnections: 4)
        let database = try OpslineDatabase(
            pool: pool, metrics: StoreMetrics(factory: metrics), singleCommandTransactions: singleCommandTransactions,
            batchTransactions: batchTransactions)
        try await database.prepare()
        try await database.workflows.publish(source: WorkflowCatalogTests.source, file: "complaint-escalation.yaml")
        try await pool.withConnection { connection in
            try await connection.execute("ALTER TABLE tasks ADD CONSTRAINT no_poison CHECK (title <> 'poison')")
        }
        return Store(database: database, metrics: metrics)
    }

    static func create(_ title: String) -> BatchCommand {
        var task = NewTask(workflow: "complaint-escalation", title: title)
        task.fields = ["customer": "C"]
        return BatchCommand(command: .create(task), idempotencyKey: nil, requestHash: title)
    }

    static func move(_ id: String, _ transition: String, version: Int? = nil) -> BatchCommand {
        var request = TransitionRequest(taskID: id, transition: transition)
        request.expectedVersion = version
        return BatchCommand(command: .transition(request), idempotencyKey: nil, requestHash: id + transition)
    }

    static func comment(_ id: String, _ text: String) -> BatchCommand {
        BatchCommand(command: .comment(taskID: id, text: text), idempotencyKey: nil, requestHash: id + text)
    }

    /// Every error a line meets is its refusal, as the server renders store errors and data errors.
    static let render = OutcomeRenderer(
        taskLine: { .string($0.id) },
        refusal: { error in CommandRefusal(code: "refused", error: ["message": .string("\(error)")]) })

    func apply(_ commands: [BatchCommand], on store: Store, atomic: Bool = false) async throws -> BatchResult {
        try await store.database.tasks.applyBatch(
            commands, atomic: atomic, caller: .system(), authorize: .system, render: Self.render)
    }

    func states(_ store: Store) async throws -> [String: String] {
        let tasks = try await Array(store.database.tasks.list(TaskFilter(scope: .allTeams)))
        return Dictionary(uniqueKeysWithValues: tasks.map { ($0.id, $0.state) })
    }

    @Test func refusalsDecidedBeforeAnySQLLeaveTheirNeighboursAndNeedNoSecondRun() async throws {
        let store = try await prepared()
        _ = try await apply([Self.create("one"), Self.create("two"), Self.create("three")], on: store)
        let result = try await apply(
            [
                Self.move("CMP-1", "investigate"),
                Self.move("CMP-2", "close"),  // not from received: the workflow refuses it
                Self.move("CMP-9", "investigate"),  // no such task
                Self.move("CMP-3", "investigate", version: 7),  // stale version
                Self.move("CMP-1", "ask_customer"),  // CMP-1 again, after this batch moved it
                Self.move("CMP-3", "acknowledge"),
            ], on: store)
        #expect(result.outcomes.map(\.succeeded) == [true, false, false, false, true, true])
        #expect(try store.reruns == 0)
        #expect(
            try await states(store) == [
                "CMP-1": "waiting_on_customer", "CMP-2": "received", "CMP-3": "acknowledged",
            ])
        // Each applied move is in the history once; the refused ones left nothing.
        let history = try await Array(store.database.tasks.events(ofTask: "CMP-1")).map(\.type)
        #expect(history.filter { $0 == "transitioned" }.count == 2)
        #expect(!(try await Array(store.database.tasks.events(ofTask: "CMP-2")).map(\.type).contains("transitioned")))
        await store.database.pool.close()
    }

    @Test func aLineNamingATaskTheBatchCreatedFindsIt() async throws {
        let store = try await prepared()
        // CMP-1 does not exist when the batch locks its tasks; its first line creates it.
        let result = try await apply(
            [Self.create("one"), Self.comment("CMP-1", "made just now"), Self.move("CMP-1", "acknowledge")], on: store)
        #expect(result.outcomes.map(\.succeeded) == [true, true, true])
        #expect(try await states(store) == ["CMP-1": "acknowledged"])
        #expect(try store.reruns == 0)
        await store.database.pool.close()
    }

    @Test func aValuePostgreSQLRefusesRunsTheBatchAgainWithSavepoints() async throws {
        let store = try await prepared()
        _ = try await apply([Self.create("one")], on: store)
        let result = try await apply(
            [
                Self.move("CMP-1", "investigate"), Self.create("poison"), Self.create("two"),
                Self.comment("CMP-1", "ok"),
            ],
            on: store)
        #expect(result.outcomes.map(\.succeeded) == [true, false, true, true])
        #expect(try store.reruns == 1)
        #expect(try await states(store) == ["CMP-1": "investigating", "CMP-2": "received"])
        // Nothing of the first run is left: one move, one comment.
        let history = try await Array(store.database.tasks.events(ofTask: "CMP-1")).map(\.type)
        #expect(history.filter { ["transitioned", "commented"].contains($0) } == ["transitioned", "commented"])
        await store.database.pool.close()
    }

    @Test func anAtomicBatchRolledBackAtARefusalDecidedInSwiftLeavesNothing() async throws {
        let store = try await prepared()
        _ = try await apply([Self.create("one")], on: store)
        let result = try await apply(
            [Self.move("CMP-1", "investigate"), Self.create("two"), Self.move("CMP-1", "close")], on: store,
            atomic: true)
        #expect(result.failedAt == 2)
        #expect(try store.reruns == 0)
        #expect(try await states(store) == ["CMP-1": "received"])
        await store.database.pool.close()
    }

    @Test func aBatchsMovesWriteEveryTaskItsClocksAndItsTimersInMergedStatements() async throws {
        let store = try await prepared()
        let ids = (1...30).map { "CMP-\($0)" }
        _ = try await apply((1...30).map { Self.create("t\($0)") }, on: store)
        for transition in ["investigate", "ask_customer"] {
            let result = try await apply(ids.map { Self.move($0, transition) }, on: store)
            #expect(result.outcomes.filter { !$0.succeeded }.isEmpty)
        }
        let moved = try await states(store)
        #expect(Set(moved.values) == ["waiting_on_customer"])
        // Every task: version 3 (created, two moves), its resolution clock paused and a timer
        // waiting for the customer; the clock's next step is gone while it is paused.
        let rows = try await store.database.pool.withConnection { connection in
            try await connection.query(
                """
                SELECT t.id, t.version,
                    (SELECT state FROM sla_clocks c WHERE c.task_id = t.id AND c.policy = 'resolution') AS clock,
                    (SELECT count(*) FROM due_work d WHERE d.task_id = t.id AND d.kind = 'timer') AS timers
                FROM tasks t ORDER BY t.id
                """
            ).rows
        }
        #expect(rows.count == 30)
        for row in rows {
            #expect(try row.decode("version", as: Int.self) == 3)
            #expect(try row.decode("clock", as: String.self) == "paused")
            #expect(try row.decode("timers", as: Int.self) == 1)
        }
        let back = try await apply(ids.map { Self.move($0, "customer_replied") }, on: store)
        #expect(back.outcomes.filter { !$0.succeeded }.isEmpty)
        let running = try await store.database.pool.withConnection { connection in
            try await connection.query(
                """
                SELECT count(*) FILTER (WHERE c.state = 'running') AS running,
                    (SELECT count(*) FROM due_work WHERE kind = 'timer') AS timers
                FROM sla_clocks c WHERE c.policy = 'resolution'
                """
            ).rows[0]
        }
        #expect(try running.decode("running", as: Int.self) == 30)
        #expect(try running.decode("timers", as: Int.self) == 0)
        #expect(try store.reruns == 0)
        await store.database.pool.close()
    }
}
