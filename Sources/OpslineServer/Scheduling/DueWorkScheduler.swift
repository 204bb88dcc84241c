import Logging
import OpslineStore
import ServiceLifecycle

/// Applies time-driven work as it falls due. Every replica runs one.
///
/// It claims due rows in small batches until none are left, then sleeps until the next row is
/// due, or until a notification on `NotifyChannel.due` says a replica scheduled something (possibly earlier),
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
            guard let pause = await runDueWork() else { continue }
            await cancelWhenGracefulShutdown {
                switch pause {
                case .until(let deadline): await signal.wait(after: generation, until: deadline, on: runner.clock)
                case .backOff(let duration): await signal.wait(after: generation, timeout: duration)
                }
            }
        }
    }

    /// How long the scheduler sleeps before it looks again (a NOTIFY wakes it sooner).
    enum Pause {
        /// Until `runner.clock` reaches a deadline (`OpslineClock.elapsed`): when work falls due.
        case until(Duration)
        /// A pause in real time, whatever the clock says: a row a command holds, an error.
        case backOff(Duration)
    }

    /// Applies due batches; returns how long to sleep, or `nil` to look again at once. A deadline
    /// counts from before the look, so that time passing while it looks (a test moving its
    /// clock) is not slept again.
    private func runDueWork() async -> Pause? {
        let clock = runner.clock
        do {
            let claimed = try await runner.runDue(limit: batchSize)
            if claimed == batchSize {
                try await catchUp()
                return nil
            }
            // Real time: the pause gathers rows falling due meanwhile into the next batch.
            if claimed > 0 { try? await Task.sleep(for: tickSpacing) }
            let lookedAt = clock.elapsed
            guard let seconds = try await runner.secondsUntilNextDue() else { return .until(lookedAt + idleCheck) }
            if seconds <= 0 { return claimed > 0 ? nil : .backOff(.milliseconds(10)) }
            return .until(lookedAt + min(.microseconds(Int64((seconds * 1_000_000).rounded(.up))), idleCheck))
        } catch {
            logger.warning("scheduler could not apply due work; retrying", metadata: ["error": "\(error)"])
            return .backOff(.seconds(1))
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
