import Foundation
import Postgres

/// What `opsline db status` reports: the schema against this build's migrations, the server,
/// the event log's end, the time-driven work waiting, and the tables' sizes.
public struct DatabaseStatus: Sendable, Hashable {
    /// The highest migration version the database records (0: none applied).
    public var schemaVersion: Int
    /// This build's migrations the database has not applied, in order.
    public var pending: [String]
    /// Versions the database records that this build does not know: a newer release migrated it.
    public var unknownVersions: [Int]
    /// `server_version`, such as `15.14 (Debian 15.14-0+deb12u1)`.
    public var serverVersion: String
    /// Whether the server is a standby (read-only; commands fail there).
    public var isStandby: Bool
    /// The database's size on disk, in bytes.
    public var databaseBytes: Int64
    /// The event log's last `seq`; nil before the schema has an event log.
    public var lastEventSeq: Int64?
    /// Time-driven work (timers, SLA warnings and breaches); nil before the schema has it.
    public var dueWork: DueWorkStatus?
    /// Opsline's tables, largest first.
    public var tables: [TableSize]

    /// True when every migration of this build has been applied.
    public var isUpToDate: Bool { pending.isEmpty }

    /// Reads the status of the database `pool` reaches, against `migrator`'s migrations; `now`
    /// decides what is due (nil: the database's clock).
    public static func read(_ pool: PostgresPool, migrator: Migrator, now: Date? = nil) async throws -> DatabaseStatus {
        try await pool.withConnection { connection in
            let server = try await connection.query(DatabaseStatusSQL.server).first!
            let tables = try await connection.query(DatabaseStatusSQL.tables).rows.map { row in
                TableSize(
                    name: try row.decode("name"), rows: try row.decode("rows"), bytes: try row.decode("bytes"))
            }
            let names = Set(tables.map(\.name))
            var applied: Set<Int> = []
            // Read only once the table is known to exist: a fresh database has none yet.
            if names.contains("schema_migrations") {
                applied = Set(
                    try await connection.query(SchemaSQL.appliedVersions).rows.map {
                        try $0.decode("version", as: Int.self)
                    })
            }
            let known = Set(migrator.migrations.map(\.version))
            var status = DatabaseStatus(
                schemaVersion: applied.max() ?? 0,
                pending: migrator.migrations.filter { !applied.contains($0.version) }.map(\.name),
                unknownVersions: applied.subtracting(known).sorted(),
                serverVersion: try server.decode("version"), isStandby: try server.decode("standby"),
                databaseBytes: try server.decode("bytes"), lastEventSeq: nil, dueWork: nil, tables: tables)
            if names.contains("events") {
                status.lastEventSeq = try await connection.query(DatabaseStatusSQL.lastEventSeq).first?
                    .decode("seq", as: Int64.self)
            }
            if names.contains("due_work") {
                status.dueWork = try DueWorkStatus(
                    row: try await connection.query(DatabaseStatusSQL.dueWork, [now]).first!)
            }
            return status
        }
    }
}

/// The time-driven work waiting in `due_work`.
public struct DueWorkStatus: Sendable, Hashable {
    /// Rows waiting for their time.
    public var waiting: Int64
    /// Of those, rows whose time has come: the schedulers' backlog.
    public var due: Int64
    /// The earliest due time; nil when nothing waits. Past it, it is how late SLA work runs.
    public var oldestDueAt: Date?

    init(row: PostgresRow) throws {
        waiting = try row.decode("waiting")
        due = try row.decode("due")
        oldestDueAt = try row.decode("oldest_due_at")
    }
}
