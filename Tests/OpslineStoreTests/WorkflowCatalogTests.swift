import Foundation
import OpslineStore
import Postgres
import Testing
import TestSupport
import Workflow

@Suite struct WorkflowCatalogTests {
    static let source = try! String(
        contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("workflows/complaint-escalation.yaml"),
        encoding: .utf8)

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
        let old = try await database.tasks.create(command, caller: .system("test"))
        // Version 2 makes `acknowledge` need an order id.
        let stricter = Self.source.replacingOccurrences(
            of: "{from: received, to: acknowledged}", with: "{from: received, to: acknowledged, require: [order_id]}")
        #expect(stricter != Self.source)
        let v2 = try await database.workflows.publish(source: stricter, file: "v2.yaml")
        #expect(v2.version == 2)
        let moved = try await database.tasks.transition(
            TransitionRequest(taskID: old.id, transition: "acknowledge"), caller: .system("test"))
        #expect(moved.state == "acknowledged")
        #expect(moved.workflowVersion == 1)
        command.title = "new"
        let new = try await database.tasks.create(command, caller: .system("test"))
        #expect(new.workflowVersion == 2)
        await #expect(throws: StoreError.self) {
            try await database.tasks.transition(
                TransitionRequest(taskID: new.id, transition: "acknowledge"), caller: .system("test"))
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
}
