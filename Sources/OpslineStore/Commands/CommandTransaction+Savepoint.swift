import Postgres

extension CommandTransaction {
    /// Runs `body` inside a savepoint, so that a refusal undoes what `body` did and nothing else.
    ///
    /// When `body` returns, the `RELEASE` carries the writes it held back (`write(_:_:)`) in the
    /// same round trip: if one of them fails, PostgreSQL skips the rest and the `RELEASE`, and that
    /// counts as a refusal like any error `body` throws; so do the events `body` recorded, when
    /// they are appended here (`appendsEventsPerSavepoint`). A refusal forgets the writes still held
    /// back and the events recorded since the savepoint, rolls back to it, and comes back as
    /// `.failure`.
    ///
    /// Connection failures and retryable transaction errors (serialization failure, deadlock) are
    /// not refusals: they are rethrown, as the whole transaction is lost (and run again when the
    /// pool may).
    func inSavepoint<Value>(_ body: () async throws -> Value) async throws -> Result<Value, any Error> {
        let eventCount = pendingEvents.count
        try await connection.execute("SAVEPOINT command")
        do {
            let value = try await body()
            if appendsEventsPerSavepoint { try await flushEvents() }
            try await connection.execute("RELEASE SAVEPOINT command")
            return .success(value)
        } catch let error as PostgresError where error.isConnectionFailure || error.isTransactionRetryable {
            throw error
        } catch {
            // Sent with the ROLLBACK TO, a failing held-back write would stop it.
            await connection.discardCarried()
            try await connection.execute("ROLLBACK TO SAVEPOINT command")
            discardEvents(after: eventCount)
            return .failure(error)
        }
    }
}
