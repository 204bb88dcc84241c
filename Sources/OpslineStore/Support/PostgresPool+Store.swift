import Postgres

extension PostgresPool {
    /// Runs statements that may safely run twice (reads, or writes that change nothing when
    /// repeated) on a pooled connection: if the connection turns out to be stale, `body` runs
    /// once more on a fresh one. Connection failures come out as `StoreError.unavailable`.
    func withIdempotentStatements<Value: Sendable>(
        _ body: @Sendable (PostgresConnection) async throws -> Value
    ) async throws -> Value {
        do {
            return try await withConnection(idempotent: true, body)
        } catch {
            throw StoreError.wrap(error)
        }
    }

    /// Runs `body` as one transaction (`BEGIN … COMMIT`, run again on a serialization failure or
    /// deadlock) and returns only after `COMMIT` succeeded. Connection failures come out as
    /// `StoreError.unavailable`; other errors pass through unchanged.
    func inTransaction<Value: Sendable>(
        _ body: @Sendable (PostgresConnection) async throws -> Value
    ) async throws -> Value {
        do {
            return try await transaction(body)
        } catch {
            throw StoreError.wrap(error)
        }
    }
}
