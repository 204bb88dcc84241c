import Postgres

extension CommandTransaction {
    /// Runs `body` inside a savepoint, so that a refusal undoes what `body` did and nothing else.
    ///
    /// When nothing else is held back, the `SAVEPOINT` itself is held back to go out with the
    /// first statement of `body` (a batch line whose task was locked ahead, `lockTasks(of:)`,
    /// then sends its savepoint, writes and release in one round trip). If `body` fails before
    /// anything went out, nothing reached PostgreSQL and there is nothing to roll back.
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
        // Held back only with nothing before it, so that discarding what is held back on a
        // refusal discards the body's statements and nothing else.
        let sendsBefore = await connection.carriedCount == 0 ? await connection.carriedSends : nil
        if sendsBefore != nil {
            await connection.sendWithNext("SAVEPOINT command")
        } else {
            try await connection.execute("SAVEPOINT command")
        }
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
            // A SAVEPOINT that never went out (nothing was sent since it was held back) has
            // nothing to roll back to, and nothing of `body` reached PostgreSQL.
            var savepointSent = true
            if let sendsBefore { savepointSent = await connection.carriedSends != sendsBefore }
            if savepointSent { try await connection.execute("ROLLBACK TO SAVEPOINT command") }
            discardEvents(after: eventCount)
            return .failure(error)
        }
    }
}
