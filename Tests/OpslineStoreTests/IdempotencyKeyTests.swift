import Foundation
@testable import OpslineStore
import Postgres
import Testing
import TestSupport
import Workflow

/// An idempotency key belongs to the caller that used it, and remembers only applied commands.
@Suite struct IdempotencyKeyTests {
    /// A store that replays what it remembers and turns every failure into a refusal, so a
    /// command that is applied afresh (here, always on a task that does not exist) is told apart
    /// from a replay.
    static let render = OutcomeRenderer(
        taskLine: { _ in .null }, refusal: { _ in CommandRefusal(code: "not_found", error: ["code": "not_found"]) })

    static func comment(_ key: String, hash: String) -> BatchCommand {
        BatchCommand(command: .comment(taskID: "CMP-404", text: "again"), idempotencyKey: key, requestHash: hash)
    }

    static func caller(_ id: String, name: String = "crm", _ role: Role, _ teams: [String]) -> CommandCaller {
        CommandCaller(Principal(tokenID: id, name: name, role: role, teams: teams))
    }

    /// Keys stored before they had scopes (and before 0005 turned statuses into outcomes): an
    /// applied command's key replays for the token that applied it (traced through its events)
    /// and for no token that could not read its task; refusals and untraceable keys are gone.
    @Test func keysStoredBeforeScopesReplayOnlyForTheTokensThatAppliedThem() async throws {
        let pool = PostgresPool(conninfo: try await TestCluster.shared.makeDatabase(), maximumConnections: 4)
        try await Migrator(migrations: try Migration.bundled().filter { $0.version < 5 }).migrate(pool)
        let applied: JSONValue = ["id": "CMP-1", "team": "support", "version": 1]
        try await pool.withConnection { connection in
            try await connection.execute(
                """
                INSERT INTO workflow_versions (workflow, version, key, source, checksum) VALUES ('w', 1, 'CMP', '', '');
                INSERT INTO api_tokens (id, name, role, teams, secret_hash) VALUES
                    ('tok_writer', 'crm', 'service', '{support}', '\\x01'),
                    ('tok_twin', 'crm', 'manager', '{support,sales}', '\\x02'),
                    ('tok_viewer', 'crm', 'viewer', '{support}', '\\x03'),
                    ('tok_billing', 'crm', 'service', '{billing}', '\\x04'),
                    ('tok_other', 'other', 'service', '{support}', '\\x05');
                BEGIN;
                INSERT INTO tasks (id, workflow, workflow_version, state, title, team)
                    VALUES ('CMP-1', 'w', 1, 'new', 'A task', 'support');
                INSERT INTO events (task_id, type, actor) VALUES ('CMP-1', 'created', 'crm');
                INSERT INTO idempotency_keys (key, request_hash, status, result)
                    VALUES ('applied', 'applied', 201, '\(applied.jsonText)');
                COMMIT;
                """)
            // Later transactions, sent apart: transactions sent in one message share their `now()`.
            try await connection.execute(
                """
                INSERT INTO idempotency_keys (key, request_hash, status, result)
                    VALUES ('refused', 'refused', 403, '{"code":"forbidden","message":"no"}');
                """)
            try await connection.execute(
                """
                INSERT INTO idempotency_keys (key, request_hash, status, result)
                    VALUES ('untraced', 'untraced', 200, '\(applied.jsonText)');
                """)
        }
        try await Migrator().migrate(pool)
        let tasks = try OpslineDatabase(pool: pool).tasks

        func outcome(_ key: String, _ caller: CommandCaller) async throws -> CommandOutcome {
            try await tasks.applyOne(
                Self.comment(key, hash: key), caller: caller, authorize: .system, render: Self.render)
        }
        let fresh = CommandOutcome(.refused(CommandRefusal(code: "not_found", error: ["code": "not_found"])))
        let replay = CommandOutcome(.created(applied), replayed: true)
        let writer = Self.caller("tok_writer", .service, ["support"])
        #expect(try await outcome("applied", writer) == replay)
        // Another token of that name that may write to the team could read the task anyway.
        #expect(try await outcome("applied", Self.caller("tok_twin", .manager, ["support", "sales"])) == replay)
        for stranger in [
            Self.caller("tok_viewer", .viewer, ["support"]), Self.caller("tok_billing", .service, ["billing"]),
            Self.caller("tok_other", name: "other", .service, ["support"]), .system(),
        ] {
            #expect(try await outcome("applied", stranger) == fresh, "\(stranger.idempotencyScope)")
        }
        #expect(try await outcome("refused", writer) == fresh, "a refusal claims nothing")
        #expect(try await outcome("untraced", writer) == fresh)
        await pool.close()
    }

    /// A key is claimed per scope; a refusal is not remembered, even for its own caller.
    @Test func keysAreClaimedPerCallerAndRefusalsAreForgotten() async throws {
        let pool = PostgresPool(conninfo: try await TestCluster.shared.makeDatabase(), maximumConnections: 4)
        let database = try OpslineDatabase(pool: pool)
        try await database.prepare()
        let refused = CommandOutcome(.refused(CommandRefusal(code: "not_found", error: ["code": "not_found"])))
        for caller in [Self.caller("tok_a", .admin, []), Self.caller("tok_a", .admin, []), .system()] {
            let outcome = try await database.tasks.applyOne(
                Self.comment("k", hash: "k"), caller: caller, authorize: .system, render: Self.render)
            #expect(outcome == refused)
        }
        let rows = try await pool.withConnection {
            try await $0.query("SELECT count(*) AS n FROM idempotency_keys").first!.decode("n", as: Int.self)
        }
        #expect(rows == 0)
        await pool.close()
    }
}
