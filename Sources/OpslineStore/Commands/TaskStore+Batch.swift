import Postgres
import Workflow

extension TaskStore {
    /// Applies commands in one transaction, each kept apart from the others, and returns one
    /// outcome per command, in order, once the transaction has committed.
    ///
    /// Several commands run first without savepoints (``LineIsolation/grouped(atomic:)``): a
    /// refusal decided before the command sent anything undoes it by forgetting what it held back.
    /// When that cannot be (a command refused after its SQL went out, a statement PostgreSQL
    /// refused), the transaction rolls back and the batch runs again with each command in a
    /// savepoint of its own, as a single command always runs. Either way the outcomes are the same.
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
    ///
    /// A value PostgreSQL refuses (a data error, `PostgresError.isDataError`) is the refusal of
    /// the command that carried it, never its neighbours' failure. Inside a command's savepoint
    /// that is so at once. Outside every savepoint — in the events appended at the end, or at the
    /// `COMMIT` — whose value it was is not known, so the batch runs again: not atomic, each
    /// command in a transaction of its own, so the others are stored and the one at fault gets
    /// the error as its outcome; atomic, once more with each command's events appended inside its
    /// savepoint, so the batch fails at the command at fault.
    public func applyBatch(
        _ commands: [BatchCommand], atomic: Bool, caller: CommandCaller, authorize: CommandAuthorizer,
        render: OutcomeRenderer
    ) async throws -> BatchResult {
        let result: BatchResult
        do {
            let run = {
                try await runBatch(commands, atomic: atomic, caller: caller, authorize: authorize, render: render)
            }
            if let batchTurns {
                let asked = ContinuousClock.now
                result = try await batchTurns.run(for: caller) {
                    metrics.batchTurnWait.recordNanoseconds((ContinuousClock.now - asked).nanoseconds)
                    return try await run()
                }
            } else {
                result = try await run()
            }
        } catch {
            for entry in commands { metrics.count(entry.command, .failed) }
            throw error
        }
        metrics.count(commands, result)
        return result
    }

    /// `applyBatch` without counting its commands.
    func runBatch(
        _ commands: [BatchCommand], atomic: Bool, caller: CommandCaller, authorize: CommandAuthorizer,
        render: OutcomeRenderer
    ) async throws -> BatchResult {
        let batch = Batch(commands: commands, atomic: atomic, caller: caller, authorize: authorize, render: render)
        do {
            return try await applyGroupedFirst(batch)
        } catch let error as PostgresError where error.isDataError {
            return try await reapply(batch, after: error)
        }
    }

    /// A batch and how to run it.
    private struct Batch {
        let commands: [BatchCommand]
        let atomic: Bool
        let caller: CommandCaller
        let authorize: CommandAuthorizer
        let render: OutcomeRenderer
    }

    /// The batch in one transaction without savepoints (``LineIsolation/grouped(atomic:)``), and
    /// again with a savepoint per line if that cannot tell which line failed (``GroupSpoiled``, or
    /// a statement PostgreSQL refused). A single command goes straight to its savepoint: its
    /// idempotency claim goes out before it may be refused.
    private func applyGroupedFirst(_ batch: Batch) async throws -> BatchResult {
        guard batch.commands.count > 1 else { return try await applyInOneTransaction(batch) }
        do {
            return try await applyInOneTransaction(batch, isolation: .grouped(atomic: batch.atomic))
        } catch is GroupSpoiled {
            metrics.batchesRerun.increment()
        } catch let error as PostgresError where !error.isConnectionFailure && !error.isTransactionRetryable {
            metrics.batchesRerun.increment()
        }
        return try await applyInOneTransaction(batch)
    }

    /// The batch in one transaction, each command kept apart as `isolation` says; with
    /// `appendingEventsPerCommand` (savepoints only), each command's events are appended inside
    /// its savepoint too.
    private func applyInOneTransaction(
        _ batch: Batch, isolation: LineIsolation = .savepoints, appendingEventsPerCommand: Bool = false
    ) async throws -> BatchResult {
        let appended = AppendedEvents()
        do {
            let result = try await pool.inTransaction { [catalog, clock] connection in
                let transaction = CommandTransaction(
                    connection: connection, catalog: catalog, caller: batch.caller, authorize: batch.authorize,
                    clock: clock, defersWrites: true, appended: appended)
                transaction.appendsEventsPerSavepoint = appendingEventsPerCommand
                if case .grouped = isolation { transaction.mergesWrites = true }
                // One statement locks the lines' tasks, instead of a round trip per line.
                if batch.commands.count > 1 {
                    try await transaction.lockTasks(of: batch.commands)
                    try await transaction.lookUpRecords(of: batch.commands)
                }
                var outcomes: [CommandOutcome] = []
                for (index, entry) in batch.commands.enumerated() {
                    // A key that cannot be claimed refuses its command before any SQL.
                    if case .grouped = isolation { try await transaction.sendHeldBackWrites() }
                    let outcome =
                        if let refusal = entry.keyRefusal {
                            try batch.render.outcome(of: entry.command, .failure(refusal))
                        } else {
                            try await transaction.applyLine(entry, render: batch.render, isolation: isolation)
                        }
                    outcomes.append(outcome)
                    if batch.atomic, !outcome.succeeded {
                        throw AtomicBatchRefused(index: index, outcome: outcome)
                    }
                }
                try await transaction.flushEvents()
                return BatchResult(outcomes: outcomes, failedAt: nil)
            }
            metrics.eventsAppended.increment(by: appended.value)
            return result
        } catch let refused as AtomicBatchRefused {
            return BatchResult(outcomes: [refused.outcome], failedAt: refused.index)
        }
    }

    /// The batch again after PostgreSQL refused a value outside every command's savepoint
    /// (`applyBatch`).
    private func reapply(_ batch: Batch, after error: PostgresError) async throws -> BatchResult {
        if batch.atomic {
            do {
                return try await applyInOneTransaction(batch, appendingEventsPerCommand: true)
            } catch let again as PostgresError where again.isDataError {
                // Refused outside the savepoints even so: the batch fails, reported on its first line.
                return BatchResult(
                    outcomes: [try batch.render.outcome(of: batch.commands[0].command, .failure(again))], failedAt: 0)
            }
        }
        guard batch.commands.count > 1 else {
            return BatchResult(
                outcomes: [try batch.render.outcome(of: batch.commands[0].command, .failure(error))], failedAt: nil)
        }
        var outcomes: [CommandOutcome] = []
        for entry in batch.commands {
            let alone = Batch(
                commands: [entry], atomic: false, caller: batch.caller, authorize: batch.authorize,
                render: batch.render)
            do {
                do {
                    outcomes += try await applyInOneTransaction(alone).outcomes
                } catch let error as PostgresError where error.isDataError {
                    outcomes.append(try batch.render.outcome(of: entry.command, .failure(error)))
                }
            } catch {
                // The commands before are committed: their outcomes must reach the caller.
                return BatchResult(outcomes: outcomes, failedAt: nil, stoppedBy: error)
            }
        }
        return BatchResult(outcomes: outcomes, failedAt: nil)
    }
}

/// What a batch produced.
public struct BatchResult: Sendable {
    /// One outcome per command (atomic and refused: only the refused command's outcome; stopped:
    /// one per command before the one `stoppedBy` stopped).
    public let outcomes: [CommandOutcome]
    /// The index of the command that made an atomic batch fail; nil when it committed.
    public let failedAt: Int?
    /// What stopped a batch that was run again a command at a time (`applyBatch`) part of the way
    /// through, such as an outage: the commands with an outcome are committed, the others were not
    /// applied. Nil when every command has its outcome.
    public var stoppedBy: (any Error)? = nil
}

/// Unwinds an atomic batch's transaction at its first refusal.
private struct AtomicBatchRefused: Error {
    let index: Int
    let outcome: CommandOutcome
}

extension CommandTransaction {
    /// Applies one command kept apart from its neighbours as `isolation` says (a savepoint of
    /// its own, `inSavepoint`, or none, `inGroup`), honouring its idempotency key; a refusal
    /// undoes the command and is the outcome.
    ///
    /// The key is claimed with the command, so a refusal undoes the claim too: a refused command
    /// claims nothing, and its retry (permissions or state fixed) is applied. A concurrent
    /// request with the same key waits on the claim until this transaction commits, then replays
    /// the outcome, or until the claim is rolled back, then goes ahead.
    func applyLine(
        _ entry: BatchCommand, render: OutcomeRenderer, isolation: LineIsolation
    ) async throws -> CommandOutcome {
        let body = { () async throws -> CommandOutcome in
            if let key = entry.idempotencyKey, let earlier = try await self.claim(key, hash: entry.requestHash) {
                return earlier
            }
            let task = try await self.apply(entry.command)
            let outcome = try render.outcome(of: entry.command, .success(task))
            if let key = entry.idempotencyKey { try await self.remember(key, outcome) }
            return outcome
        }
        let result =
            switch isolation {
            case .grouped(let atomic): try await inGroup(atomic: atomic, body)
            case .savepoints: try await inSavepoint(body)
            }
        switch result {
        case .success(let outcome): return outcome
        case .failure(let error): return try render.outcome(of: entry.command, .failure(error))
        }
    }
}
