import Foundation
import OpslineStore
import Postgres
import Testing
import TestSupport
import Workflow

@Suite struct WorkflowCatalogTests {
    static let source = shipped("complaint-escalation")

    /// A shipped workflow's file, `workflows/NAME.yaml`.
    static func shipped(_ name: String) -> String {
        try! String(
            contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent("workflows/\(name).yaml"),
            encoding: .utf8)
    }

    @Test func publishingUnchangedContentKeepsTheVersion() async throws {
        let pool = PostgresPool(conninfo: try await TestCluster.shared.makeDatabase())
        let database = try OpslineDatabase(pool: pool)
        try await database.prepare()
        let first = try await database.workflows.publish(source: Self.source, file: "complaint-escalation.yaml")
        let again = try await database.workflows.publish(source: Self.source, file: "complaint-escalation.yaml")
        #expect(first.version == 1)
        #expect(again.version == 1)
        let changed = try await database.workflows.publish(
            source: Self.source.replacingOccurrences(of: "title: Customer complaint", with: "title: Complaint"),
            file: "complaint-escalation.yaml")
        #expect(changed.version == 2)
        await pool.close()
    }

    @Test func tasksStayOnTheVersionTheyStartedWith() async throws {
        let pool = PostgresPool(conninfo: try await TestCluster.shared.makeDatabase())
        let database = try OpslineDatabase(pool: pool)
        try await database.prepare()
        try await database.workflows.publish(source: Self.source, file: "complaint-escalation.yaml")
        var command = NewTask(workflow: "complaint-escalation", title: "old")
        command.fields = ["customer": "ACME"]
        let old = try await database.tasks.create(command, caller: .system("test"), authorize: .system)
        // Version 2 makes `acknowledge` need an order id.
        let stricter = Self.source.replacingOccurrences(
            of: "{from: received, to: acknowledged}", with: "{from: received, to: acknowledged, require: [order_id]}")
        #expect(stricter != Self.source)
        let v2 = try await database.workflows.publish(source: stricter, file: "v2.yaml")
        #expect(v2.version == 2)
        let moved = try await database.tasks.transition(
            TransitionRequest(taskID: old.id, transition: "acknowledge"), caller: .system("test"), authorize: .system)
        #expect(moved.state == "acknowledged")
        #expect(moved.workflowVersion == 1)
        command.title = "new"
        let new = try await database.tasks.create(command, caller: .system("test"), authorize: .system)
        #expect(new.workflowVersion == 2)
        await #expect(throws: StoreError.self) {
            try await database.tasks.transition(
                TransitionRequest(taskID: new.id, transition: "acknowledge"), caller: .system("test"),
                authorize: .system)
        }
        await pool.close()
    }

    @Test func publishingSaysWhetherItMadeANewVersion() async throws {
        let pool = PostgresPool(conninfo: try await TestCluster.shared.makeDatabase())
        let database = try OpslineDatabase(pool: pool)
        try await database.prepare()
        let first = try await database.workflows.publishVersion(source: Self.source, file: "a.yaml")
        #expect(first.isNewVersion && first.workflow.version == 1)
        #expect(first.workflow.checksum.count == 64)
        let same = try await database.workflows.publishVersion(source: Self.source, file: "a.yaml")
        #expect(!same.isNewVersion && same.workflow.version == 1)
        #expect(same.workflow.publishedAt == first.workflow.publishedAt)
        await pool.close()
    }

    @Test func theLatestVersionsIncludeThoseAnotherReplicaPublished() async throws {
        let conninfo = try await TestCluster.shared.makeDatabase()
        let pool = PostgresPool(conninfo: conninfo)
        let database = try OpslineDatabase(pool: pool)
        try await database.prepare()
        try await database.workflows.publish(source: Self.source, file: "a.yaml")
        // Another replica: its own catalog over the same database.
        let otherPool = PostgresPool(conninfo: conninfo)
        let other = try OpslineDatabase(pool: otherPool)
        try await other.prepare()
        try await other.workflows.publish(
            source: Self.source.replacingOccurrences(of: "title: Customer complaint", with: "title: Complaint"),
            file: "b.yaml")
        #expect(database.workflows.latest("complaint-escalation")?.version == 1, "the cache alone is stale")
        let latest = try await database.workflows.latestPublished()
        #expect(latest.map(\.name) == ["complaint-escalation"])
        #expect(latest.first?.version == 2)
        #expect(latest.first?.definition.title == "Complaint")
        #expect(try await database.workflows.latestPublished("complaint-escalation")?.version == 2)
        #expect(try await database.workflows.latestPublished("nope") == nil)
        await otherPool.close()
        await pool.close()
    }

    /// A replica that has not loaded a task's workflow version reads it inside the command's own
    /// transaction. Were it to borrow a second connection, 16 commands at once on a pool of 2
    /// would each hold one and wait for another for ever.
    @Test func commandsOnAVersionThisReplicaHasNotLoadedNeverWaitForASecondConnection() async throws {
        let conninfo = try await TestCluster.shared.makeDatabase()
        let writerPool = PostgresPool(conninfo: conninfo)
        let writer = try OpslineDatabase(pool: writerPool)
        try await writer.prepare()
        // A replica that loaded the catalog before the workflow was published.
        let replicaPool = PostgresPool(conninfo: conninfo, maximumConnections: 2)
        let replica = try OpslineDatabase(pool: replicaPool)
        try await replica.prepare()
        try await writer.workflows.publish(source: Self.source, file: "complaint-escalation.yaml")
        var ids: [String] = []
        for index in 0..<16 {
            var command = NewTask(workflow: "complaint-escalation", title: "complaint \(index)")
            command.fields = ["customer": "ACME"]
            ids.append(try await writer.tasks.create(command, caller: .system("test"), authorize: .system).id)
        }
        #expect(replica.workflows.latest("complaint-escalation") == nil, "the replica has not loaded it")

        // A deadlock would never end: after two minutes the pool is closed, which fails the waiters.
        let watchdog = Task {
            try await Task.sleep(for: .seconds(120))
            await replicaPool.close()
        }
        let moved = try await withThrowingTaskGroup(of: String.self) { group in
            for id in ids {
                group.addTask {
                    try await replica.tasks.transition(
                        TransitionRequest(taskID: id, transition: "acknowledge"), caller: .system("test"),
                        authorize: .system
                    ).state
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        watchdog.cancel()
        #expect(moved == Array(repeating: "acknowledged", count: 16))
        await replicaPool.close()
        await writerPool.close()
    }
}
