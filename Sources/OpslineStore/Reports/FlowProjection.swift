import Postgres

/// Keeps `flow_stretches` — each time a task entered a state, and when it left — up to date with
/// the event log, for the flow report (``ReportStore/flow(_:)``).
///
/// It reads the log in `seq` order only up to the frontier (``EventFrontier``), below which no
/// event can still commit, so no move is ever skipped. One replica projects at a time: a batch
/// locks the cursor row with `SKIP LOCKED`, and a replica that finds it locked leaves the work to
/// the one holding it. A batch is one transaction: the stretches and the cursor move together.
///
/// The report never waits for it: it reads the moves after the cursor from the events itself.
public struct FlowProjection: Sendable {
    let pool: PostgresPool
    let frontier: EventFrontier

    init(pool: PostgresPool, frontier: EventFrontier) {
        self.pool = pool
        self.frontier = frontier
    }

    /// What one batch did.
    public enum Outcome: Sendable, Equatable {
        /// `moves` moves were projected, and every move up to `through` is in the projection.
        case projected(moves: Int, through: Int64)
        /// Another replica holds the cursor: it is projecting.
        case busy
        /// Nothing to project (or the frontier is not known yet).
        case upToDate
    }

    /// Projects up to `limit` moves after the cursor, up to the frontier, in one transaction.
    public func projectNext(limit: Int = 5_000) async throws -> Outcome {
        guard let frontier = try await frontier.current() else { return .upToDate }
        return try await pool.inTransaction { connection in
            guard let cursor = try await connection.query(FlowStretchSQL.lockCursor).first else { return .busy }
            let through = try cursor.decode("through_seq", as: Int64.self)
            guard frontier > through else { return .upToDate }
            let row = try await connection.query(FlowStretchSQL.project, [through, frontier, limit]).first
            return .projected(
                moves: try row?.decode("projected", as: Int.self) ?? 0,
                through: try row?.decode("through_seq", as: Int64.self) ?? through)
        }
    }

    /// Projects batches until the projection reaches the frontier or another replica holds it;
    /// returns how many moves this call projected.
    @discardableResult
    public func catchUp(batchSize: Int = 5_000) async throws -> Int {
        var total = 0
        while case .projected(let moves, _) = try await projectNext(limit: batchSize) {
            total += moves
            if moves < batchSize { return total }
        }
        return total
    }

    /// Every move up to this seq is in the projection.
    public func through() async throws -> Int64 {
        try await pool.withIdempotentStatements { connection in
            try await Self.through(on: connection)
        }
    }

    static func through(on connection: PostgresConnection) async throws -> Int64 {
        try await connection.query(FlowStretchSQL.cursor).first?.decode("through_seq", as: Int64.self) ?? 0
    }
}
