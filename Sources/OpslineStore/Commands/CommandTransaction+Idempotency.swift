import Postgres
import Workflow

extension CommandTransaction {
    /// Claims `key` for this command and returns nil, or returns the outcome remembered under it.
    ///
    /// The claim is an insert, so a concurrent transaction holding the same key makes this wait
    /// until it commits (then its outcome is replayed) or rolls back (then this one goes ahead).
    func claim(_ key: String, hash: String) async throws -> CommandOutcome? {
        if try await connection.query(IdempotencySQL.claim, [key, hash, statementNow]).first != nil { return nil }
        guard let row = try await connection.query(IdempotencySQL.find, [key]).first else { return nil }
        guard try row.decode("request_hash", as: String.self) == hash else {
            return CommandOutcome(
                status: 409,
                body: .object([
                    "code": "duplicate",
                    "message": .string("idempotency key '\(key)' was already used for a different request"),
                ]))
        }
        let result = try JSONText.decodeValue(try row.decode("result", as: String.self))
        return CommandOutcome(status: try row.decode("status"), body: result, replayed: true)
    }

    /// Records the outcome of a command that claimed `key`, applied or refused.
    func remember(_ key: String, _ outcome: CommandOutcome) async throws {
        try await connection.query(IdempotencySQL.complete, [key, outcome.status, JSONText.encodeValue(outcome.body)])
    }
}

/// Named queries on `idempotency_keys`.
enum IdempotencySQL {
    static let find = "SELECT request_hash, status, result::text AS result FROM idempotency_keys WHERE key = $1"

    static let claim = """
        INSERT INTO idempotency_keys (key, request_hash, status, result, created_at)
        VALUES ($1, $2, 0, 'null', coalesce($3::timestamptz, now()))
        ON CONFLICT (key) DO NOTHING
        RETURNING key
        """

    static let complete = "UPDATE idempotency_keys SET status = $2, result = $3::jsonb WHERE key = $1"

    static let prune = """
        DELETE FROM idempotency_keys WHERE created_at < coalesce($2::timestamptz, now()) - make_interval(secs => $1)
        """
}
