import Foundation
import OpslineStore
import Postgres
import Testing
import TestSupport
import Workflow

@Suite struct TaskStoreTests {
    func prepared() async throws -> OpslineDatabase {
        let pool = PostgresPool(conninfo: try await TestCluster.shared.makeDatabase(), maximumConnections: 8)
        let database = try OpslineDatabase(pool: pool)
        try await database.prepare()
        try await database.workflows.publish(source: WorkflowCatalogTests.source, file: "complaint-escalation.yaml")
        return database
    }

    @Test func concurrentCreatesGetDistinctSequentialIDs() async throws {
        let database = try await prepared()
        let ids = try await withThrowingTaskGroup(of: String.self) { group in
            for index in 0..<20 {
                group.addTask {
                    var command = NewTask(workflow: "complaint-escalation", title: "c\(index)")
                    command.fields = ["customer": "X"]
                    return try await database.tasks.create(command, caller: .system()).id
                }
            }
            return try await group.reduce(into: [String]()) { $0.append($1) }
        }
        #expect(Set(ids) == Set((1...20).map { "CMP-\($0)" }))
        await database.pool.close()
    }

    @Test func concurrentMovesOfOneTaskApplyOneAtATime() async throws {
        let database = try await prepared()
        var command = NewTask(workflow: "complaint-escalation", title: "race")
        command.fields = ["customer": "X"]
        let task = try await database.tasks.create(command, caller: .system())
        // Both start from version 1; the row lock makes the second see version 2 and refuse.
        let outcomes = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<2 {
                group.addTask {
                    var request = TransitionRequest(taskID: task.id, transition: "acknowledge")
                    request.expectedVersion = 1
                    return (try? await database.tasks.transition(request, caller: .system())) != nil
                }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(outcomes.filter { $0 }.count == 1)
        let events = try await Array(database.tasks.events(ofTask: task.id))
        #expect(events.map(\.type) == ["created", "sla_started", "sla_started", "transitioned", "sla_met"])
        await database.pool.close()
    }
}

extension Array {
    init<Source: AsyncSequence>(_ source: Source) async throws where Source.Element == Element {
        self = []
        for try await element in source { append(element) }
    }
}
