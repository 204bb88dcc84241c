import Postgres
import Workflow

extension CommandTransaction {
    /// Claims `key` in the caller's scope (`CommandCaller.idempotencyScope`) and returns nil, or
    /// returns the outcome remembered under it there (`duplicateKey` when it was remembered for a
    /// different request). A key used in another scope is another key.
    ///
    /// Called inside the command's savepoint, so a refusal rolls the claim back with the rest and
    /// the key stays free. The claim is an insert, so a concurrent transaction holding the same
    /// key in the same scope makes this wait until it commits (then its outcome is replayed) or
    /// lets the key go (its savepoint or transaction rolled back: then this one goes ahead).
    func claim(_ key: String, hash: String) async throws -> CommandOutcome? {
        let scope = caller.idempotencyScope
        if try await connection.query(IdempotencySQL.claim, [scope, key, hash, statementNow], prepared: true).first
            != nil
        {
            return nil
        }
        guard let row = try await connection.query(IdempotencySQL.find, [scope, key], prepared: true).first else {
            return nil
        }
        guard try row.decode("request_hash", as: String.self) == hash else {
            return CommandOutcome(.duplicateKey(key))
        }
        let result = try JSONText.decodeValue(try row.decode("result", as: String.self))
        return CommandOutcome(try .init(remembered: try row.decode("outcome"), result: result), replayed: true)
    }

    /// Records what the command that claimed `key` came to. Only an applied command is
    /// remembered: a refused one leaves nothing behind (its savepoint rolled the claim back), as
    /// a request that was refused saved nothing and its retry deserves a fresh look.
    ///
    /// A held-back write (`write(_:_:)`): in a batch it goes out with the savepoint's `RELEASE`.
    func remember(_ key: String, _ outcome: CommandOutcome) async throws {
        guard let remembered = outcome.effect.remembered else { return }
        try await write(
            IdempotencySQL.complete,
            [caller.idempotencyScope, key, remembered.outcome, JSONText.encodeValue(remembered.result)])
    }
}

extension CommandOutcome.Effect {
    /// The `outcome` and `result` columns that remember this effect; nil for a refusal or a
    /// duplicate key, which are not remembered.
    fileprivate var remembered: (outcome: String, result: JSONValue)? {
        switch self {
        case .created(let line): ("created", line)
        case .changed(let line): ("changed", line)
        case .refused, .duplicateKey: nil
        }
    }

    /// Reads back an effect remembered as `outcome` and `result`.
    fileprivate init(remembered outcome: String, result: JSONValue) throws {
        switch outcome {
        case "created": self = .created(result)
        case "changed": self = .changed(result)
        default: throw StoreError.corruptRow("idempotency_keys.outcome = \(outcome)")
        }
    }
}

/// Named queries on `idempotency_keys`; every key is looked up in its scope.
enum IdempotencySQL {
    static let find = """
        SELECT request_hash, outcome, result::text AS result FROM idempotency_keys WHERE scope = $1 AND key = $2
        """

    static let claim = """
        INSERT INTO idempotency_keys (scope, key, request_hash, outcome, result, created_at)
        VALUES ($1, $2, $3, 'claimed', 'null', coalesce($4::timestamptz, now()))
        ON CONFLICT (scope, key) DO NOTHING
        RETURNING key
        """

    static let complete = """
        UPDATE idempotency_keys SET outcome = $3, result = $4::jsonb WHERE scope = $1 AND key = $2
        """

    static let prune = """
        DELETE FROM idempotency_keys WHERE created_at < coalesce($2::timestamptz, now()) - make_interval(secs => $1)
        """
}
