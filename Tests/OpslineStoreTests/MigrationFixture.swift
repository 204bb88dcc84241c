import Foundation
import OpslineStore
import Postgres
import Testing
import TestSupport

/// A database migrated up to just before one migration, holding version 1 of the shipped
/// complaint workflow: where a migration's test writes the rows that migration must carry over.
enum MigrationFixture {
    static let complaintSource = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("workflows/complaint-escalation.yaml")

    /// A fresh database migrated to the version before `version`, with the complaint workflow.
    static func before(_ version: Int) async throws -> PostgresPool {
        let pool = PostgresPool(conninfo: try await TestCluster.shared.makeDatabase(), maximumConnections: 2)
        let migrations = try Migrator().migrations
        #expect(migrations.contains { $0.version == version })
        try await Migrator(migrations: migrations.filter { $0.version < version }).migrate(pool)
        let source = try String(contentsOf: complaintSource, encoding: .utf8)
        try await pool.withConnection { connection in
            try await connection.query(
                """
                INSERT INTO workflow_versions (workflow, version, key, source, checksum)
                VALUES ('complaint-escalation', 1, 'CMP', $1, 'x')
                """, [source])
        }
        return pool
    }
}
