import Logging
import OpslineStore
import ServiceLifecycle

/// Applies time-driven work as it falls due. Every replica runs one.
///
/// It claims due rows in small batches until none are left, then sleeps until the next row is
/// due, or until a `NOTIFY opsline_due` says a replica scheduled something (possibly earlier),
/// or `idleCheck` passes (a safety net for a lost notification). Claiming uses
/// `FOR UPDATE SKIP LOCKED`, so replicas share the work without double-firing.
///
/// After a batch that applied rows but was not full, it waits `tickSpacing` before it looks
/// again: rows falling due one after another are then applied a few dozen to a transaction
/// rather than one or two each (a transaction a millisecond at 1,000 breaches a second), for at
/// most that much more lag.
///
/// When a batch comes back full, work is waiting: then rounds of `lanes` transactions run at
/// once, each claiming its own rows, with batches doubling from round to round (up to
/// `maximumBatchSize`) while any comes back full, so that a backlog uses more than one core and
/// costs fewer round trips, plans and commits per row. A round with no full batch ends it.
struct DueWorkScheduler: Service {
    let runner: DueWorkRunner
    let signal: EventSignal
    let logger: Logger
    /// Rows per transaction while keeping up: small, so a batch commits quickly and replicas
    /// interleave.
    var batchSize = 100
    /// Rows per transaction at most while catching up.
    var maximumBatchSize = 1000
    /// Transactions at once while catching up.
    var lanes = 2
    /// The shortest pause after a batch that applied rows.
    var tickSpacing: Duration = .milliseconds(25)
    /// The longest sleep without looking. Commands announce only work due within
    /// `DueWorkRunner.announceHorizon`, so a longer sleep would find later work late.
    var idleCheck: Duration = DueWorkRunner.announceHorizon

    func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            let generation = signal.generation
            let pause = await runDueWork()
            guard let pause else { continue }
            await cancelWhenGracefulShutdown { await signal.wait(after: generation, timeout: pause) }
        }
    }

    /// Applies due batches; returns how long to sleep, or `nil` to look again at once.
    private func runDueWork() async -> Duration? {
        do {
            let claimed = try await runner.runDue(limit: batchSize)
            if claimed == batchSize {
                try await catchUp()
                return nil
            }
            if claimed > 0 { try? await Task.sleep(for: tickSpacing) }
            guard let seconds = try await runner.secondsUntilNextDue() else { return idleCheck }
            if seconds <= 0 { return claimed > 0 ? nil : .milliseconds(10) }
            return min(.milliseconds(Int64(seconds * 1000) + 1), idleCheck)
        } catch {
            logger.warning("scheduler could not apply due work; retrying", metadata: ["error": "\(error)"])
            return .seconds(1)
        }
    }

    /// Runs rounds of `lanes` transactions at once, each claiming its own rows, the batches
    /// doubling from round to round up to `maximumBatchSize`, until no lane's batch comes back
    /// full (or the server shuts down).
    private func catchUp() async throws {
        var limit = batchSize
        var behind = true
        while behind && !Task.isShuttingDownGracefully && !Task.isCancelled {
            limit = min(limit * 2, maximumBatchSize)
            behind = try await withThrowingTaskGroup(of: Int.self) { [runner, limit] group in
                for _ in 0..<max(1, lanes) {
                    group.addTask { try await runner.runDue(limit: limit) }
                }
                return try await group.contains(limit)
            }
        }
    }
}
