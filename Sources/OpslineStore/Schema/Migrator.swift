import Logging
import Postgres

/// Applies the numbered migrations that a database has not seen yet.
///
/// Runs under a PostgreSQL advisory lock, so several replicas starting together migrate once:
/// the first takes the lock and applies, the others wait and then find nothing left to do.
/// Each migration runs in its own transaction together with its row in `schema_migrations`.
public struct Migrator: Sendable {
    /// The migrations this build knows, in order.
    public let migrations: [Migration]
    private let logger: Logger

    /// Arbitrary but fixed: the advisory lock key for migrations ("opsline" in ASCII).
    static let lockKey: Int64 = 0x6f_7073_6c69_6e65

    /// Creates a migrator for the bundled migrations (or `migrations`, in tests).
    public init(migrations: [Migration]? = nil, logger: Logger = Logger(label: "opsline.migrate")) throws {
        self.migrations = try migrations ?? Migration.bundled()
        self.logger = logger
    }

    /// Applies pending migrations; returns the names of those applied by this call.
    @discardableResult
    public func migrate(_ pool: PostgresPool) async throws -> [String] {
        try await pool.withConnection { connection in
            try await connection.query("SELECT pg_advisory_lock($1)", [Self.lockKey])
            do {
                let applied = try await applyPending(connection)
                try await connection.query("SELECT pg_advisory_unlock($1)", [Self.lockKey])
                return applied
            } catch {
                _ = try? await connection.query("SELECT pg_advisory_unlock($1)", [Self.lockKey])
                throw error
            }
        }
    }

    /// The highest migration version recorded in the database (0 when none).
    func currentVersion(_ pool: PostgresPool) async throws -> Int {
        try await pool.withConnection { connection in
            let exists =
                try await connection.query(SchemaSQL.migrationsTableExists).first?
                .decode("present", as: Bool.self) ?? false
            guard exists else { return 0 }
            return try await connection.query(SchemaSQL.currentVersion).first?
                .decode("version", as: Int.self) ?? 0
        }
    }

    /// True when every migration of this build has been applied.
    func isUpToDate(_ pool: PostgresPool) async throws -> Bool {
        try await currentVersion(pool) >= (migrations.last?.version ?? 0)
    }

    private func applyPending(_ connection: PostgresConnection) async throws -> [String] {
        try await connection.execute(SchemaSQL.createMigrationsTable)
        let done = Set(
            try await connection.query(SchemaSQL.appliedVersions).rows.map { try $0.decode("version", as: Int.self) })
        var applied: [String] = []
        for migration in migrations where !done.contains(migration.version) {
            try await connection.inTransaction { connection in
                try await connection.execute(migration.sql)
                try await connection.query(SchemaSQL.recordMigration, [migration.version, migration.name])
            }
            logger.info("applied migration", metadata: ["migration": "\(migration.name)"])
            applied.append(migration.name)
        }
        return applied
    }
}
