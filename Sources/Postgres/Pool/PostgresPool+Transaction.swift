/// How strictly a transaction is isolated from concurrent ones.
public enum PostgresIsolation: String, Sendable {
    /// PostgreSQL's default.
    case readCommitted = "READ COMMITTED"
    /// One snapshot for the whole transaction.
    case repeatableRead = "REPEATABLE READ"
    /// Behaves as if transactions ran one after another.
    case serializable = "SERIALIZABLE"
}

extension PostgresPool {
    /// Runs `body` inside `BEGIN … COMMIT` on one connection.
    ///
    /// If any statement or the `COMMIT` fails with a serialization failure (40001) or a deadlock
    /// (40P01), the whole transaction is rolled back and `body` runs again, up to
    /// `maximumAttempts` times, so `body` must not have effects outside the transaction. Any other
    /// error rolls back and is rethrown. The value is returned only after `COMMIT` succeeded.
    @discardableResult
    public func transaction<Value: Sendable>(
        isolation: PostgresIsolation = .readCommitted,
        maximumAttempts: Int = 5,
        _ body: @Sendable (PostgresConnection) async throws -> Value
    ) async throws -> Value {
        var attempt = 1
        while true {
            do {
                return try await withConnection { connection in
                    try await connection.inTransaction(isolation: isolation, body)
                }
            } catch let error as TransactionNotStarted where attempt < maximumAttempts {
                // BEGIN failed on a dead pooled connection: nothing ran, so a fresh one may try.
                guard error.underlying.isConnectionFailure else { throw error.underlying }
                attempt += 1
            } catch let error as TransactionNotStarted {
                throw error.underlying
            } catch let error as PostgresError where error.isTransactionRetryable {
                guard attempt < maximumAttempts else { throw error }
                attempt += 1
                if error.sqlState == SQLState.deadlockDetected {
                    metrics.deadlockRetries.increment()
                } else {
                    metrics.serializationRetries.increment()
                }
                // Jittered back-off lets the competing transaction finish first.
                try await Task.sleep(for: .milliseconds(Int.random(in: 1...(5 * attempt))))
            }
        }
    }
}

extension PostgresConnection {
    /// Runs `body` between `BEGIN` and `COMMIT`, rolling back if it throws.
    ///
    /// The `BEGIN` is held back to go out with the transaction's first statement, in one round
    /// trip (``sendWithNext(_:_:prepared:)``). For a request (``PostgresRequestTag/current``), it
    /// also names the request in `application_name` until the transaction ends: prepared
    /// statements carry no tag in their text, so this is where PostgreSQL sees whose they are.
    ///
    /// A connection that turns out dead on that first round trip ran nothing of the transaction:
    /// that failure is ``TransactionNotStarted``, which ``PostgresPool/transaction(isolation:maximumAttempts:_:)``
    /// retries on a fresh connection.
    public func inTransaction<Value: Sendable>(
        isolation: PostgresIsolation = .readCommitted,
        _ body: @Sendable (PostgresConnection) async throws -> Value
    ) async throws -> Value {
        let roundTripsBefore = await roundTrips
        await sendWithNext("BEGIN ISOLATION LEVEL \(isolation.rawValue)")
        if let tag = PostgresRequestTag.current {
            await sendWithNext(PostgresRequestTag.namingApplication, [tag.applicationNameSuffix], prepared: true)
        }
        do {
            let value = try await body(self)
            try await execute("COMMIT")
            return value
        } catch {
            // A statement held back for the COMMIT must not go out with the ROLLBACK: if it
            // failed there, the ROLLBACK would be skipped and the transaction left open.
            await discardCarried()
            if let error = error as? PostgresError, error.isConnectionFailure,
                await roundTrips == roundTripsBefore + 1
            {
                throw TransactionNotStarted(underlying: error)
            }
            try? await execute("ROLLBACK")
            throw error
        }
    }
}

/// `BEGIN` itself failed, so nothing of the transaction ran.
struct TransactionNotStarted: Error {
    let underlying: PostgresError
}
