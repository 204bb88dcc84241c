import Postgres
import Workflow

extension TaskStore {
    /// Applies commands in one transaction, each inside its own savepoint, and returns one
    /// outcome per command, in order, once the transaction has committed.
    ///
    /// Not atomic: a refused command rolls back to its savepoint and the others go on (its refusal
    /// is the outcome). Atomic: the first refusal rolls back everything; its outcome is returned
    /// with `failedAt` set and nothing is committed.
    ///
    /// Idempotency keys are checked inside the same transaction, in the caller's scope
    /// (`CommandCaller.idempotencyScope`): a key applied before (committed, or earlier in this
    /// batch) is not applied again and its first outcome comes back `replayed`; the same key with
    /// a different request is not applied and comes back as `duplicateKey`. A refused command
    /// claims nothing, so a retry of it is applied afresh.
    public func applyBatch(
        _ commands: [BatchCommand], atomic: Bool, caller: CommandCaller, authorize: CommandAuthorizer,
        render: OutcomeRenderer
    ) async throws -> BatchResult {
        do {
            return try await pool.inTransaction { [catalog, clock] connection in
                let transaction = CommandTransaction(
                    connection: connection, catalog: catalog, caller: caller, authorize: authorize, clock: clock,
                    defersWrites: true)
                var outcomes: [CommandOutcome] = []
                for (index, entry) in commands.enumerated() {
                    let outcome = try await transaction.applyInSavepoint(entry, render: render)
                    outcomes.append(outcome)
                    if atomic, !outcome.succeeded {
                        throw AtomicBatchRefused(index: index, outcome: outcome)
                    }
                }
                try await transaction.flushEvents()
                return BatchResult(outcomes: outcomes, failedAt: nil)
            }
        } catch let refused as AtomicBatchRefused {
            return BatchResult(outcomes: [refused.outcome], failedAt: refused.index)
        }
    }
}

extension TaskStore {
    /// Applies one command in a transaction of its own and returns its outcome once committed.
    ///
    /// The same outcome as `applyBatch` of that one command. Without an idempotency key no
    /// savepoint is needed (a refusal rolls back a transaction that holds nothing else), so the
    /// command's writes go out with the `COMMIT` in one round trip, as in `apply(_:caller:authorize:)`.
    /// With a key, it goes the way of a batch line, which claims the key (in the caller's scope)
    /// and replays it.
    public func applyOne(
        _ entry: BatchCommand, caller: CommandCaller, authorize: CommandAuthorizer,
        render: OutcomeRenderer
    ) async throws -> CommandOutcome {
        guard entry.idempotencyKey == nil else {
            let result = try await applyBatch(
                [entry], atomic: false, caller: caller, authorize: authorize, render: render)
            return result.outcomes[0]
        }
        let result: Result<TaskRecord, any Error>
        do {
            result = .success(try await apply(entry.command, caller: caller, authorize: authorize))
        } catch {
            result = .failure(error)
        }
        return try render.outcome(of: entry.command, result)
    }
}

/// What a batch produced.
public struct BatchResult: Sendable {
    /// One outcome per command (atomic and refused: only the refused command's outcome).
    public let outcomes: [CommandOutcome]
    /// The index of the command that made an atomic batch fail; nil when it committed.
    public let failedAt: Int?
}

/// Unwinds an atomic batch's transaction at its first refusal.
private struct AtomicBatchRefused: Error {
    let index: Int
    let outcome: CommandOutcome
}

extension CommandTransaction {
    /// Applies one command in a savepoint of its own (`inSavepoint`), honouring its idempotency
    /// key; a refusal rolls back to the savepoint and is the outcome.
    ///
    /// The key is claimed inside the savepoint, so a refusal rolls the claim back too: a refused
    /// command claims nothing, and its retry (permissions or state fixed) is applied. A concurrent
    /// request with the same key waits on the claim until this transaction commits, then replays
    /// the outcome, or until the claim is rolled back, then goes ahead.
    func applyInSavepoint(_ entry: BatchCommand, render: OutcomeRenderer) async throws -> CommandOutcome {
        let result = try await inSavepoint { () async throws -> CommandOutcome in
            if let key = entry.idempotencyKey, let earlier = try await claim(key, hash: entry.requestHash) {
                return earlier
            }
            let task = try await apply(entry.command)
            let outcome = try render.outcome(of: entry.command, .success(task))
            if let key = entry.idempotencyKey { try await remember(key, outcome) }
            return outcome
        }
        switch result {
        case .success(let outcome): return outcome
        case .failure(let error): return try render.outcome(of: entry.command, .failure(error))
        }
    }
}
