import Postgres
import Workflow

extension CommandTransaction {
    /// Claims `key` for this command and returns nil, or returns the outcome remembered under it
    /// (`duplicateKey` when it was remembered for a different request).
    ///
    /// The claim is an insert, so a concurrent transaction holding the same key makes this wait
    /// until it commits (then its outcome is replayed) or rolls back (then this one goes ahead).
    func claim(_ key: String, hash: String) async throws -> CommandOutcome? {
        if try await connection.query(IdempotencySQL.claim, [key, hash, statementNow]).first != nil { return nil }
        guard let row = try await connection.query(IdempotencySQL.find, [key]).first else { return nil }
        guard try row.decode("request_hash", as: String.self) == hash else {
            return CommandOutcome(.duplicateKey(key))
        }
        let result = try JSONText.decodeValue(try row.decode("result", as: String.self))
        return CommandOutcome(try .init(remembered: try row.decode("outcome"), result: result), replayed: true)
    }

    /// Records what the command that claimed `key` came to, applied or refused.
    func remember(_ key: String, _ outcome: CommandOutcome) async throws {
        guard let remembered = outcome.effect.remembered else { return }
        try await connection.query(
            IdempotencySQL.complete, [key, remembered.outcome, JSONText.encodeValue(remembered.result)])
    }
}

extension CommandOutcome.Effect {
    /// The `outcome` and `result` columns that remember this effect; nil for a duplicate key,
    /// which answers a claim and is not one.
    fileprivate var remembered: (outcome: String, result: JSONValue)? {
        switch self {
        case .created(let line): ("created", line)
        case .changed(let line): ("changed", line)
        case .refused(let refusal): ("refused", refusal.error)
        case .duplicateKey: nil
        }
    }

    /// Reads back an effect remembered as `outcome` and `result`.
    fileprivate init(remembered outcome: String, result: JSONValue) throws {
        switch outcome {
        case "created": self = .created(result)
        case "changed": self = .changed(result)
        case "refused": self = .refused(CommandRefusal(remembered: result))
        default: throw StoreError.corruptRow("idempotency_keys.outcome = \(outcome)")
        }
    }
}

/// Named queries on `idempotency_keys`.
enum IdempotencySQL {
    static let find = "SELECT request_hash, outcome, result::text AS result FROM idempotency_keys WHERE key = $1"

    static let claim = """
        INSERT INTO idempotency_keys (key, request_hash, outcome, result, created_at)
        VALUES ($1, $2, 'claimed', 'null', coalesce($3::timestamptz, now()))
        ON CONFLICT (key) DO NOTHING
        RETURNING key
        """

    static let complete = "UPDATE idempotency_keys SET outcome = $2, result = $3::jsonb WHERE key = $1"

    static let prune = """
        DELETE FROM idempotency_keys WHERE created_at < coalesce($2::timestamptz, now()) - make_interval(secs => $1)
        """
}
