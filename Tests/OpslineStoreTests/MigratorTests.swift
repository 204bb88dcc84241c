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
}
