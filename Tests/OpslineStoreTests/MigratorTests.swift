import Foundation
@testable import OpslineStore
@testable import Postgres
import Testing
import TestSupport

@Suite struct MigratorTests {
    @Test func replicasStartingTogetherMigrateOnce() async throws {
        let conninfo = try await TestCluster.shared.makeDatabase()
        let migrator = try Migrator()
        #expect(!migrator.migrations.isEmpty, "the schema/ files are bundled")
        let results = try await withThrowingTaskGroup(of: [String].self) { group in
            for _ in 0..<4 {
                group.addTask {
                    let pool = PostgresPool(conninfo: conninfo, maximumConnections: 1)
                    defer { Task { await pool.close() } }
                    return try await migrator.migrate(pool)
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.filter { !$0.isEmpty }.count == 1)
        #expect(results.flatMap { $0 } == migrator.migrations.map(\.name))
        let pool = PostgresPool(conninfo: conninfo)
        #expect(try await migrator.isUpToDate(pool))
        #expect(try await migrator.migrate(pool).isEmpty, "a second run applies nothing")
        await pool.close()
    }

    @Test func aFailingMigrationLeavesNoTrace() async throws {
        let conninfo = try await TestCluster.shared.makeDatabase()
        let broken = [
            Migration(version: 1, name: "0001_ok.sql", sql: "CREATE TABLE a (id int)"),
            Migration(version: 2, name: "0002_broken.sql", sql: "CREATE TABLE b (id int); SELECT nope"),
        ]
        let pool = PostgresPool(conninfo: conninfo)
        await #expect(throws: PostgresError.self) { try await Migrator(migrations: broken).migrate(pool) }
        let version = try await Migrator(migrations: broken).currentVersion(pool)
        #expect(version == 1)
        let tableB = try await pool.withConnection {
            try await $0.query("SELECT to_regclass('b') IS NULL AS missing").first!.decode("missing", as: Bool.self)
        }
        #expect(tableB)
        await pool.close()
    }

    /// Migration 7 places the events written before it in the team their task had then, from
    /// the task's history of team changes (`team: {from, to}` in `updated` and `assigned`
    /// events); a move belongs to both teams; a task that never moved gives its current team.
    @Test func eventsFromBeforeTeamsWereRecordedBelongToTheTeamTheirTaskHadThen() async throws {
        let pool = PostgresPool(conninfo: try await TestCluster.shared.makeDatabase(), maximumConnections: 2)
        let migrations = try Migrator().migrations
        #expect(migrations.contains { $0.version == 7 })
        try await Migrator(migrations: migrations.filter { $0.version < 7 }).migrate(pool)
        try await pool.withConnection { connection in
            try await connection.execute(
                """
                INSERT INTO workflow_versions (workflow, version, key, source, checksum) VALUES ('w', 1, 'W', '', '');
                INSERT INTO tasks (id, workflow, workflow_version, state, title, team) VALUES
                    ('W-1', 'w', 1, 'open', 'moved twice', 'l3'),
                    ('W-2', 'w', 1, 'open', 'stayed', 'support'),
                    ('W-3', 'w', 1, 'open', 'no team', NULL),
                    ('W-4', 'w', 1, 'open', 'team cleared, then given', 'billing');
                INSERT INTO events (task_id, type, data) VALUES
                    ('W-1', 'created', '{}'),
                    ('W-2', 'created', '{}'),
                    ('W-1', 'commented', '{"text":"a"}'),
                    ('W-1', 'assigned', '{"team":{"from":"support","to":"l2"}}'),
                    ('W-1', 'sla_breached', '{}'),
                    ('W-1', 'updated', '{"title":{"from":"a","to":"b"}}'),
                    ('W-1', 'updated', '{"team":{"from":"l2","to":"l3"},"priority":{"from":"p2","to":"p1"}}'),
                    ('W-1', 'commented', '{"text":"b"}'),
                    ('W-3', 'created', '{}'),
                    ('W-4', 'created', '{}'),
                    ('W-4', 'assigned', '{"team":{"from":"support","to":null}}'),
                    ('W-4', 'commented', '{"text":"c"}'),
                    ('W-4', 'assigned', '{"team":{"from":null,"to":"billing"}}');
                """)
        }
        try await Migrator().migrate(pool)
        let placed = try await pool.withConnection { connection in
            try await connection.query("SELECT task_id, teams FROM events ORDER BY seq").rows.map {
                "\(try $0.decode("task_id", as: String.self)): \(try $0.decode("teams", as: [String].self))"
            }
        }
        #expect(
            placed == [
                #"W-1: ["support"]"#, #"W-2: ["support"]"#, #"W-1: ["support"]"#, #"W-1: ["support", "l2"]"#,
                #"W-1: ["l2"]"#, #"W-1: ["l2"]"#, #"W-1: ["l2", "l3"]"#, #"W-1: ["l3"]"#, "W-3: []",
                #"W-4: ["support"]"#, #"W-4: ["support"]"#, "W-4: []", #"W-4: ["billing"]"#,
            ])
        await pool.close()
    }
}
