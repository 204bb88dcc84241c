import Postgres

extension PostgresPool {
    /// Runs idempotent statements on a pooled connection (retried once on a stale connection),
    /// mapping connection failures to `StoreError.unavailable`.
    func read<Value: Sendable>(_ body: @Sendable (PostgresConnection) async throws -> Value) async throws -> Value {
        do {
            return try await withConnection(idempotent: true, body)
        } catch {
            throw StoreError.wrap(error)
        }
    }

    /// Runs one command transaction, mapping connection failures to `StoreError.unavailable`.
    /// Returns only after `COMMIT` succeeded.
    func write<Value: Sendable>(_ body: @Sendable (PostgresConnection) async throws -> Value) async throws -> Value {
        do {
            return try await transaction(body)
        } catch {
            throw StoreError.wrap(error)
        }
    }
}
