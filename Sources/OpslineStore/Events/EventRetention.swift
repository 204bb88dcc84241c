import Foundation
import Postgres

/// Prunes the event log from its oldest end, a small batch per transaction, so that no command
/// ever waits on it: a batch deletes old rows nobody writes, and commits in milliseconds.
///
/// Only a prefix of the log goes — the oldest events up to the first one not older than the
/// cutoff, and the flow report's stretches they began — and the position pruned through is kept
/// (`event_retention`), so that the log is always whole above it and a reader resuming below it
/// is told (``EventLogError/pruned(through:)``).
public struct EventRetention: Sendable {
    let pool: PostgresPool
    let clock: OpslineClock

    /// Creates a pruner over `pool`; `clock` says what "older than" is measured from.
    public init(pool: PostgresPool, clock: OpslineClock = .system) {
        self.pool = pool
        self.clock = clock
    }

    /// What a prune did.
    public struct Outcome: Sendable, Equatable {
        /// How many events went.
        public var pruned: Int
        /// The highest position pruned so far (0: none ever).
        public var prunedThrough: Int64
    }

    /// Deletes the events older than `age`, oldest first, `batchSize` a transaction, until the
    /// oldest left is not older than that.
    public func prune(olderThan age: Duration, batchSize: Int = 1_000) async throws -> Outcome {
        let cutoff = clock.now.addingTimeInterval(-Double(age.components.seconds))
        var outcome = Outcome(pruned: 0, prunedThrough: try await prunedThrough())
        while true {
            let row = try await pool.inTransaction { connection in
                try await connection.query(EventSQL.pruneBatch, [cutoff, batchSize]).first
            }
            let deleted = try row?.decode("deleted", as: Int.self) ?? 0
            if let through = try row?.decode("through", as: Int64?.self) { outcome.prunedThrough = through }
            outcome.pruned += deleted
            if deleted < batchSize { break }
        }
        try await pruneFlowStretches(through: outcome.prunedThrough, batchSize: batchSize)
        return outcome
    }

    /// Deletes the flow report's stretches (``FlowProjection``) that ended and were entered by a
    /// pruned event, `batchSize` a transaction. A task's open stretch stays: it is its state now.
    private func pruneFlowStretches(through: Int64, batchSize: Int) async throws {
        guard through > 0 else { return }
        while try await pool.inTransaction({ connection in
            try await connection.query(FlowStretchSQL.pruneBatch, [through, batchSize]).affectedRows
        }) == batchSize {}
    }

    /// The highest position pruned so far (0: none ever).
    public func prunedThrough() async throws -> Int64 {
        try await pool.withIdempotentStatements { connection in
            try await connection.query(EventSQL.prunedThrough).first?.decode("pruned_through", as: Int64.self) ?? 0
        }
    }
}

/// Why the event log could not be read from a position.
public enum EventLogError: Error, Sendable, Equatable {
    /// The events up to and including `through` were pruned; reading resumes from `through`.
    case pruned(through: Int64)
}
