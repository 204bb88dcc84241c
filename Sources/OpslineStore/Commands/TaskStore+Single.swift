import Postgres

extension TaskStore {
    /// Applies one command and returns its outcome once committed: the same outcome as
    /// `applyBatch` of that one command.
    ///
    /// When the caller already has as many transactions running as the store allows
    /// (``CommandCoalescer``), the command waits for the next one and shares it with the
    /// caller's other waiting commands, each with its own outcome. `authorize` and `render` must
    /// depend on the caller alone: a shared transaction uses those of the command that leads it.
    public func applyOne(
        _ entry: BatchCommand, caller: CommandCaller, authorize: CommandAuthorizer,
        render: OutcomeRenderer
    ) async throws -> CommandOutcome {
        guard let coalescer else {
            return try await applyAlone(entry, caller: caller, authorize: authorize, render: render)
        }
        switch await coalescer.turn(of: entry, caller: caller) {
        case .done(let outcome):
            return outcome
        case .alone:
            return try await applyAlone(entry, caller: caller, authorize: authorize, render: render)
        case .failed(let error):
            throw error
        case .lead(let others):
            defer { coalescer.handOver(caller: caller) }
            guard !others.isEmpty else {
                return try await applyAlone(entry, caller: caller, authorize: authorize, render: render)
            }
            return try await applyShared(
                entry, with: others, caller: caller, authorize: authorize, render: render)
        }
    }

    /// `entry` and the commands that waited for it in one transaction (`runBatch`, not atomic);
    /// each of the others is woken with its outcome, or to run alone if the transaction did not
    /// give it one.
    private func applyShared(
        _ entry: BatchCommand, with others: [CommandCoalescer.Waiting], caller: CommandCaller,
        authorize: CommandAuthorizer, render: OutcomeRenderer
    ) async throws -> CommandOutcome {
        let commands = [entry] + others.map(\.entry)
        let result: BatchResult
        do {
            result = try await runBatch(
                commands, atomic: false, caller: caller, authorize: authorize, render: render)
        } catch let error as PostgresError where error.isConnectionFailure {
            // The COMMIT may have gone through: running the commands again could apply them twice.
            for entry in commands { metrics.count(entry.command, .failed) }
            for other in others { other.wake.resume(returning: .failed(error)) }
            throw error
        } catch {
            // Nothing committed: each command's own transaction gives it the answer it gets alone.
            for other in others { other.wake.resume(returning: .alone) }
            return try await applyAlone(entry, caller: caller, authorize: authorize, render: render)
        }
        // Stopped part of the way (`BatchResult.stoppedBy`): the commands with an outcome are
        // committed; the others have not been applied and run alone.
        metrics.count(Array(commands.prefix(result.outcomes.count)), result)
        metrics.commandsShared.increment(by: result.outcomes.count)
        for (index, other) in others.enumerated() {
            let outcome = result.outcomes.indices.contains(index + 1) ? result.outcomes[index + 1] : nil
            other.wake.resume(returning: outcome.map { .done($0) } ?? .alone)
        }
        guard let outcome = result.outcomes.first else {
            return try await applyAlone(entry, caller: caller, authorize: authorize, render: render)
        }
        return outcome
    }

    /// One command in a transaction of its own.
    ///
    /// Without an idempotency key no savepoint is needed (a refusal rolls back a transaction that
    /// holds nothing else), so the command's writes go out with the `COMMIT` in one round trip,
    /// as in `apply(_:caller:authorize:)`. With a key, it goes the way of a batch line, which
    /// claims the key (in the caller's scope) and replays it.
    private func applyAlone(
        _ entry: BatchCommand, caller: CommandCaller, authorize: CommandAuthorizer,
        render: OutcomeRenderer
    ) async throws -> CommandOutcome {
        guard entry.idempotencyKey == nil else {
            let result = try await applyBatch(
                [entry], atomic: false, caller: caller, authorize: authorize, render: render)
            return result.outcomes[0]  // one command: never stopped part of the way
        }
        let result: Result<TaskRecord, any Error>
        do {
            result = .success(try await apply(entry.command, caller: caller, authorize: authorize))
        } catch {
            result = .failure(error)
        }
        do {
            let outcome = try render.outcome(of: entry.command, result)
            metrics.count(entry.command, StoreMetrics.result(of: outcome))
            return outcome
        } catch {
            metrics.count(entry.command, .failed)
            throw error
        }
    }
}
