import Foundation
@testable import OpslineStore
import Postgres
import Testing
import TestSupport
import Workflow

/// An idempotency key remembers its command's outcome in the store's words. Keys stored while
/// outcomes were remembered as HTTP statuses replay as the same outcomes after the migration.
@Suite struct IdempotencyKeyTests {
    @Test func keysStoredWithHTTPStatusesReplayAsTheOutcomesTheyStoodFor() async throws {
        let pool = PostgresPool(conninfo: try await TestCluster.shared.makeDatabase(), maximumConnections: 4)
        try await Migrator(migrations: try Migration.bundled().filter { $0.version < 5 }).migrate(pool)
        let refusal: JSONValue = [
            "code": "version_conflict", "message": "CMP-1 is at version 3, not 2; reload and retry",
            "current_version": 3,
        ]
        let stored: [(key: String, status: Int, result: JSONValue)] = [
            ("created", 201, ["id": "CMP-1", "version": 1]),
            ("changed", 200, ["id": "CMP-1", "version": 2]),
            ("refused", 409, refusal),
        ]
        try await pool.withConnection { connection in
            for row in stored {
                try await connection.query(
                    "INSERT INTO idempotency_keys (key, request_hash, status, result) VALUES ($1, $1, $2, $3::jsonb)",
                    [row.key, row.status, row.result.jsonText])
            }
        }
        let database = try OpslineDatabase(pool: pool)
        try await database.prepare()
        // Were a key not replayed, the comment on a task that does not exist would be thrown.
        let render = OutcomeRenderer(taskLine: { _ in .null }, refusal: { _ in nil })
        var replays: [CommandOutcome] = []
        for row in stored {
            let entry = BatchCommand(
                command: .comment(taskID: "CMP-1", text: "again"), idempotencyKey: row.key, requestHash: row.key)
            replays.append(
                try await database.tasks.applyOne(entry, caller: .system(), authorize: .system, render: render))
        }
        #expect(
            replays == [
                CommandOutcome(.created(stored[0].result), replayed: true),
                CommandOutcome(.changed(stored[1].result), replayed: true),
                CommandOutcome(.refused(CommandRefusal(code: "version_conflict", error: refusal)), replayed: true),
            ])
        await pool.close()
    }
}
