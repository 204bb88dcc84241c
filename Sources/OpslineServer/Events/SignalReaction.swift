import ServiceLifecycle

/// Runs `react` whenever a `LISTEN`ed channel (`signal`) is notified, and whenever its listening
/// connection (re)connects, since notifications may have been missed while it was down: how a
/// replica follows what other replicas change (tokens revoked, workflows published).
struct SignalReaction: Service {
    let signal: EventSignal
    let react: @Sendable () async -> Void

    func run() async throws {
        var seen = signal.generation
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            let generation = seen
            await cancelWhenGracefulShutdown { await signal.wait(after: generation, timeout: .seconds(3600)) }
            guard signal.generation != generation else { continue }
            seen = signal.generation
            await react()
        }
    }
}
