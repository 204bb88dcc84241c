import Logging
import OpslineStore
import Postgres
import ServiceLifecycle
import Synchronization

/// Tells waiters that a `NOTIFY` channel fired: event-stream followers that the log may have
/// grown (`NotifyChannel.events`), the scheduler that new work may be due (`.due`), every
/// replica that a token was revoked (`.tokens`).
///
/// One `LISTEN` connection per signal and server feeds it (`run()`); every waiter waits on it
/// instead of holding a connection of its own. A signal carries no data: waiters re-read what
/// they follow, so a lost or coalesced notification costs nothing but a read.
final class EventSignal: Service, Sendable {
    private struct State {
        var generation: UInt64 = 0
        var waiters: [UInt64: CheckedContinuation<Void, Never>] = [:]
        var nextWaiter: UInt64 = 0
    }

    private let state = Mutex(State())
    private let conninfo: String
    private let channel: NotifyChannel
    private let logger: Logger

    /// A signal fed by `LISTEN channel` on `conninfo`.
    public init(
        conninfo: String, channel: NotifyChannel = .events, logger: Logger = Logger(label: "opsline.events")
    ) {
        self.conninfo = conninfo
        self.channel = channel
        self.logger = logger
    }

    /// Listens until cancelled or shut down gracefully; then wakes every follower so that open
    /// streams notice the shutdown.
    public func run() async throws {
        let listener = PostgresListener(conninfo: conninfo, channels: [channel.rawValue], logger: logger)
        await cancelWhenGracefulShutdown {
            for await _ in listener.events() { self.fire() }
        }
        fire()
    }

    /// The current generation; pass it to `wait(after:timeout:)`.
    var generation: UInt64 { state.withLock { $0.generation } }

    /// Wakes every waiter.
    func fire() {
        let waiters = state.withLock { state in
            state.generation &+= 1
            defer { state.waiters.removeAll() }
            return Array(state.waiters.values)
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Returns when the generation moves past `generation` or after `timeout`, whichever first.
    func wait(after generation: UInt64, timeout: Duration) async {
        await wait(after: generation, until: OpslineClock.system.elapsed + timeout, on: .system)
    }

    /// Returns when the generation moves past `generation` or when `clock` reaches `deadline`
    /// (`OpslineClock.elapsed`), whichever first.
    func wait(after generation: UInt64, until deadline: Duration, on clock: OpslineClock) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { try? await clock.sleep(until: deadline) }
            group.addTask { await self.waitForFire(after: generation) }
            await group.next()
            group.cancelAll()
        }
    }

    private func waitForFire(after generation: UInt64) async {
        let id = state.withLock { state -> UInt64 in
            state.nextWaiter &+= 1
            return state.nextWaiter
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let resumeNow = state.withLock { state -> Bool in
                    if state.generation != generation || Task.isCancelled { return true }
                    state.waiters[id] = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let waiter = state.withLock { $0.waiters.removeValue(forKey: id) }
            waiter?.resume()
        }
    }
}
