import Logging
import OpslineStore
import ServiceLifecycle

/// Applies time-driven work as it falls due. Every replica runs one.
///
/// It claims due rows in small batches until none are left, then sleeps until the next row is
/// due, or until a `NOTIFY opsline_due` says a replica scheduled something (possibly earlier),
/// or `idleCheck` passes (a safety net for a lost notification). Claiming uses
/// `FOR UPDATE SKIP LOCKED`, so replicas share the work without double-firing.
struct DueWorkScheduler: Service {
    let runner: DueWorkRunner
    let signal: EventSignal
    let logger: Logger
    /// Rows per transaction: small, so a batch commits quickly and replicas interleave.
    var batchSize = 100
    /// The longest sleep without looking.
    var idleCheck: Duration = .seconds(5)

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
            if claimed == batchSize { return nil }
            guard let seconds = try await runner.secondsUntilNextDue() else { return idleCheck }
            if seconds <= 0 { return claimed > 0 ? nil : .milliseconds(10) }
            return min(.milliseconds(Int64(seconds * 1000) + 1), idleCheck)
        } catch {
            logger.warning("scheduler could not apply due work; retrying", metadata: ["error": "\(error)"])
            return .seconds(1)
        }
    }
}
