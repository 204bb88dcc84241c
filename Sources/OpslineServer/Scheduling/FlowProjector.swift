import Logging
import OpslineStore
import ServiceLifecycle

/// Keeps the flow report's stretches (``FlowProjection``) up with the event log. Every replica
/// runs one; at any moment one of them projects, the others find the cursor locked and wait.
///
/// It projects batches until it reaches the frontier, then sleeps until events are appended (a
/// notification on the events channel) or `idleCheck` passes (the safety net for a lost
/// notification, and for moves a hole held back), and then `spacing` more: under load the moves
/// of that time go in one transaction, not one each (the report never waits for them). After an upgrade it fills the projection from
/// the whole log, a batch at a time; the report is exact meanwhile (it reads the moves not yet
/// projected from the events) and only as fast as it was without the projection.
struct FlowProjector: Service {
    let projection: FlowProjection
    let signal: EventSignal
    let logger: Logger
    /// Moves per transaction.
    var batchSize = 5_000
    /// The longest sleep without looking.
    var idleCheck: Duration = .seconds(5)
    /// The shortest time between two looks.
    var spacing: Duration = .milliseconds(500)
    /// How long to wait after a failed batch (the database away, a conflict).
    var backOff: Duration = .seconds(1)

    func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            let generation = signal.generation
            let pause: Duration
            do {
                try await projection.catchUp(batchSize: batchSize)
                pause = idleCheck
            } catch {
                logger.warning(
                    "could not project the flow report's stretches; retrying", metadata: ["error": "\(error)"])
                pause = backOff
            }
            try? await cancelWhenGracefulShutdown {
                await signal.wait(after: generation, timeout: pause)
                try await Task.sleep(for: spacing)
            }
        }
    }
}
