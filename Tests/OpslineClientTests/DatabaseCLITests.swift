import Foundation
import OpslineStore
import Postgres
import TestSupport
import Testing
@testable import Workflow

/// `opsline db status` and `opsline db migrate [--dry-run]`, run as a person would, straight
/// against PostgreSQL.
@Suite struct DatabaseCLITests {
    @Test func aDryRunListsPendingMigrationsAndAppliesNothingThenMigrateBringsTheSchemaUpToDate() async throws {
        let conninfo = try await TestCluster.shared.makeDatabase()
        let cli = try CLIProcess()
        let shipped = try Migrator().migrations.map(\.name)

        let empty = try await cli.run("db", "status", "--database-url", conninfo)
        #expect(empty.status == 3, "pending migrations: exit status 3\n\(empty)")
        #expect(empty.stdout.contains("schema     0 (\(shipped.count) pending"), "\(empty)")
        #expect(empty.stdoutLines.filter { $0.hasPrefix("  pending: ") }.count == shipped.count, "\(empty)")

        let dryRun = try await cli.run("db", "migrate", "--dry-run", "--database-url", conninfo)
        #expect(dryRun.status == 0, "\(dryRun)")
        #expect(dryRun.stdoutLines == ["would apply:"] + shipped.map { "  " + $0 }, "\(dryRun)")
        let stillEmpty = try await Self.status(cli, conninfo)
        #expect(stillEmpty["schema_version"] == 0 && stillEmpty["pending"]?.arrayValue?.count == shipped.count)

        let migrate = try await cli.run("db", "migrate", "--database-url", conninfo)
        #expect(migrate.status == 0 && migrate.stdout.hasPrefix("applied: "), "\(migrate)")
        let current = try await cli.run("db", "status", "--database-url", conninfo)
        #expect(current.status == 0, "\(current)")
        #expect(current.stdout.contains("schema     \(try Migrator().migrations.last!.version) (up to date)"))
        let nothing = try await cli.run("db", "migrate", "--dry-run", "--database-url", conninfo)
        #expect(nothing.stdoutLines == ["schema is up to date: nothing would run"], "\(nothing)")
    }

    /// A migrated database holding one risk review; the caller closes the pool.
    static func databaseWithARisk() async throws -> (conninfo: String, pool: PostgresPool, task: TaskRecord) {
        let conninfo = try await TestCluster.shared.makeDatabase()
        let pool = PostgresPool(conninfo: conninfo, maximumConnections: 2)
        let database = try await LiveServer.prepareDatabase(pool: pool)
        var risk = NewTask(workflow: "risk-review", title: "Supplier may fail")
        risk.fields = ["risk": "Single supplier", "category": "supply"]
        return (conninfo, pool, try await database.tasks.create(risk, caller: .system(), authorize: .system))
    }

    /// `opsline db prune`: what it pruned and where the log now starts; a bad age is a usage error.
    @Test func pruneSaysWhatWentAndRefusesABadAge() async throws {
        let (conninfo, pool, _) = try await Self.databaseWithARisk()
        try await pool.withConnection { _ = try await $0.query("UPDATE events SET at = at - interval '500 days'") }
        let last = try await pool.withConnection {
            try await $0.query("SELECT max(seq) AS seq FROM events").first!.decode("seq", as: Int64.self)
        }
        await pool.close()

        let cli = try CLIProcess()
        let pruned = try await cli.run("db", "prune", "--events-older-than", "400d", "--database-url", conninfo)
        #expect(pruned.status == 0, "\(pruned)")
        #expect(pruned.stdoutLines.count == 1 && pruned.stdout.hasSuffix("the log now starts after seq \(last)\n"), "\(pruned)")
        #expect(!pruned.stdout.hasPrefix("pruned 0 "), "\(pruned)")
        let bad = try await cli.run("db", "prune", "--events-older-than", "soon", "--database-url", conninfo)
        #expect(bad.status == 64, "\(bad)")
        #expect(bad.stderr.contains("--events-older-than must be a duration such as 400d, not 'soon'"), "\(bad)")
    }

    /// The event log's end, the due work (what waits, what is late, the oldest) and the largest
    /// tables, as a status in JSON a script reads.
    @Test func statusShowsTheEventLogsEndTheDueWorkAndTheTables() async throws {
        let (conninfo, pool, task) = try await Self.databaseWithARisk()
        let lastSeq = try await pool.withConnection {
            try await $0.query("DELETE FROM due_work")
            try await $0.query(
                """
                INSERT INTO due_work (kind, task_id, due_at, payload)
                VALUES ('timer', $1, now() - interval '10 minutes', '{}'), ('timer', $1, now() + interval '1 day', '{}')
                """, [task.id])
            try await $0.query("ANALYZE")
            return try await $0.query("SELECT max(seq) AS seq FROM events").first!.decode("seq", as: Int64.self)
        }
        await pool.close()

        let status = try await Self.status(try CLIProcess(), conninfo)
        #expect(status["up_to_date"] == true)
        #expect(status["last_event_seq"] == .int(lastSeq))
        #expect(status["due_work"]?["waiting"] == 2 && status["due_work"]?["due"] == 1, "\(status)")
        let oldest = try #require(status["due_work"]?["oldest_due_at"]?.stringValue.flatMap(RFC3339.parse))
        #expect(abs(oldest.timeIntervalSinceNow + 600) < 120, "the late row is the oldest: \(oldest)")
        let tables = status["tables"]?.arrayValue ?? []
        let names = tables.compactMap { $0["name"]?.stringValue }
        #expect(["tasks", "events", "due_work", "schema_migrations"].allSatisfy(names.contains), "\(names)")
        #expect(tables.first { $0["name"] == "tasks" }?["estimated_rows"] == 1, "analysed: one task")
        let sizes = tables.compactMap { $0["bytes"]?.intValue }
        #expect(sizes == sizes.sorted(by: >), "largest first")
    }

    private static func status(_ cli: CLIProcess, _ conninfo: String) async throws -> JSONValue {
        let result = try await cli.run("db", "status", "--output", "json", "--database-url", conninfo)
        #expect(result.status == 0 || result.status == 3, "\(result)")
        return try JSONValue.parse(result.stdout)
    }
}
