import Foundation
@testable import OpslineStore
import Postgres
import Testing
import TestSupport
import Workflow

/// A value PostgreSQL refuses is the refusal of the command that carried it, wherever in the
/// transaction PostgreSQL refuses it. The values here pass the store's own checks
/// (`InputLimits`): constraints the test adds make PostgreSQL refuse them, inside a command's
/// savepoint (a task's title) and outside every savepoint (a comment's event, appended at the end).
@Suite struct BatchDataErrorTests {
    func prepared() async throws -> OpslineDatabase {
        let pool = PostgresPool(conninfo: try await TestCluster.shared.makeDatabase(), maximumConnections: 4)
        let database = try OpslineDatabase(pool: pool)
        try await database.prepare()
        try await database.workflows.publish(source: WorkflowCatalogTests.source, file: "complaint-escalation.yaml")
        try await pool.withConnection { connection in
            try await connection.execute("ALTER TABLE tasks ADD CONSTRAINT no_poison CHECK (title <> 'poison')")
            try await connection.execute(
                "ALTER TABLE events ADD CONSTRAINT no_poison CHECK (data ->> 'text' IS DISTINCT FROM 'poison')")
        }
        return database
    }

    /// Data errors are refusals, as the server renders them (422); anything else is thrown.
    static let render = OutcomeRenderer(
        taskLine: { .string($0.id) },
        refusal: { error in
            guard let error = error as? PostgresError, error.isDataError else { return nil }
            return CommandRefusal(code: "validation_failed", error: ["code": "validation_failed"])
        })

    static func create(_ title: String, key: String? = nil) -> BatchCommand {
        var task = NewTask(workflow: "complaint-escalation", title: title)
        task.fields = ["customer": "C"]
        return BatchCommand(command: .create(task), idempotencyKey: key, requestHash: title)
    }

    static func comment(_ text: String) -> BatchCommand {
        BatchCommand(command: .comment(taskID: "CMP-1", text: text), idempotencyKey: nil, requestHash: text)
    }

    @Test func aRefusedValueFailsItsOwnCommandAndTheOthersAreStored() async throws {
        let database = try await prepared()
        let commands = [
            Self.create("one", key: "k1"), Self.comment("fine"), Self.create("poison"), Self.create("three", key: "k3"),
            Self.comment("poison"), Self.create("four"),
        ]
        let result = try await database.tasks.applyBatch(
            commands, atomic: false, caller: .system(), authorize: .system, render: Self.render)
        #expect(result.failedAt == nil)
        #expect(result.stoppedBy == nil)
        #expect(result.outcomes.map(\.succeeded) == [true, true, false, true, false, true])
        let tasks = try await Array(database.tasks.list(TaskFilter(scope: .allTeams)))
        #expect(tasks.map(\.title) == ["one", "three", "four"])
        let history = try await Array(database.tasks.events(ofTask: "CMP-1"))
        #expect(history.filter { $0.type == "commented" }.map { $0.data["text"] } == ["fine"])
        // The keys of the commands stored are claimed: a retry replays them.
        let again = try await database.tasks.applyBatch(
            [Self.create("one", key: "k1")], atomic: false, caller: .system(), authorize: .system,
            render: Self.render)
        #expect(again.outcomes.first?.replayed == true)
        await database.pool.close()
    }

    @Test func anAtomicBatchFailsAtTheCommandWhoseValueIsRefused() async throws {
        let database = try await prepared()
        _ = try await database.tasks.applyBatch(
            [Self.create("first")], atomic: false, caller: .system(), authorize: .system, render: Self.render)
        for (commands, failing) in [
            ([Self.create("a"), Self.comment("poison"), Self.create("b")], 1),
            ([Self.create("a"), Self.create("b"), Self.create("poison")], 2),
        ] {
            let result = try await database.tasks.applyBatch(
                commands, atomic: true, caller: .system(), authorize: .system, render: Self.render)
            #expect(result.failedAt == failing)
            #expect(result.outcomes.map(\.succeeded) == [false])
        }
        #expect(try await Array(database.tasks.list(TaskFilter(scope: .allTeams))).count == 1)
        await database.pool.close()
    }
}
