import Synchronization

/// Follows the event log for as long as it runs, across dropped connections and server restarts.
///
/// Each connection asks for the events after the last `seq` seen, so after a reconnection
/// nothing is missed and nothing is delivered twice (an event at or below that `seq` is dropped
/// should a server send one). A connection that stays silent for
/// ``ReconnectPolicy/staleAfter`` (no event, no heartbeat) is treated as dead and replaced.
///
/// ```swift
/// let watcher = EventWatcher(client: client, filter: EventStreamFilter(team: "support"))
/// try await watcher.run { update in
///     if case .event(let event, _) = update { print(event.seq, event.type) }
/// }
/// ```
public struct EventWatcher: Sendable {
    /// What ``EventWatcher/run(_:)`` reports.
    public enum Update: Sendable, Hashable {
        /// A new event, and its line exactly as the server wrote it.
        case event(EventLine, text: String)
        /// The server is alive; `seq` is the last event it sent.
        case heartbeat(seq: Int)
        /// The connection was lost; the watcher tries again after `retryingIn`.
        case disconnected(ClientError, retryingIn: Duration)
    }

    /// The client to connect with.
    public var client: OpslineClient
    /// Which events to follow.
    public var filter: EventStreamFilter
    /// The last `seq` already seen; `nil` starts at the beginning of the log, or with
    /// `fromNow`, at its end.
    public var since: Int?
    /// Without `since`: skip the log's history and start with the events that commit from the
    /// first connection on (the server's first heartbeat says where that is).
    public var fromNow: Bool
    /// Reconnection pacing and dead-connection detection.
    public var policy: ReconnectPolicy
    /// What the pauses between attempts and the silence of a connection are measured on; a test
    /// passes one it moves.
    public var clock: any Clock<Duration>

    /// Creates a watcher; nothing is sent before ``run(_:)``.
    public init(
        client: OpslineClient, filter: EventStreamFilter = EventStreamFilter(), since: Int? = nil,
        fromNow: Bool = false, policy: ReconnectPolicy = ReconnectPolicy(),
        clock: any Clock<Duration> = ContinuousClock()
    ) {
        self.client = client
        self.filter = filter
        self.since = since
        self.fromNow = fromNow
        self.policy = policy
        self.clock = clock
    }

    /// Follows the log and hands every update to `deliver`, in order, one at a time.
    ///
    /// Runs until the task is cancelled (then it throws `CancellationError`) or a failure that
    /// retrying cannot mend: a refusal such as `401`, `403` or `400`, or any failure of the very
    /// first connection, so that a wrong URL or token is reported at once. Once a connection has
    /// delivered a line, connection failures, `5xx` answers, a stream the server ends and a
    /// silent connection all lead to a new attempt.
    /// - Parameter deliver: Receives each update; what it throws ends the watch.
    public func run(_ deliver: @escaping @Sendable (Update) async throws -> Void) async throws {
        try await run(on: clock, deliver)
    }

    private func run<WatchClock: Clock<Duration>>(
        on clock: WatchClock, _ deliver: @escaping @Sendable (Update) async throws -> Void
    ) async throws {
        let progress = WatchProgress(since: since, clock: clock)
        var failures = 0
        var established = false
        while true {
            try Task.checkCancellation()
            let failure: ClientError
            do {
                try await follow(progress, deliver)
                failure = .connection(
                    "the server at \(client.configuration.serverURL) ended the event stream")
            } catch let error as ClientError {
                failure = error
            }
            try Task.checkCancellation()
            if progress.takeLineSeen() {
                established = true
                failures = 0
            }
            guard established, Self.isRetriable(failure) else { throw failure }
            failures += 1
            let delay = policy.delay(afterFailures: failures)
            try await deliver(.disconnected(failure, retryingIn: delay))
            if delay > .zero { try await clock.sleep(for: delay) }
        }
    }

    /// Whether another attempt may succeed: everything but a refusal of the request itself.
    static func isRetriable(_ error: ClientError) -> Bool {
        switch error {
        case .connection, .badResponse:
            true
        case .server(let status, let code, _, _):
            code == "unavailable" || status == 408 || status == 429 || !(400..<500).contains(status)
        }
    }

    /// One connection: reads it until it ends or fails, while a watchdog waits for it to go
    /// silent.
    private func follow<WatchClock: Clock<Duration>>(
        _ progress: WatchProgress<WatchClock>, _ deliver: @escaping @Sendable (Update) async throws -> Void
    ) async throws {
        let lines = client.followEvents(since: progress.lastSeq, fromNow: fromNow, filter: filter)
        let staleAfter = policy.staleAfter
        let server = client.configuration.serverURL
        progress.touch()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                for try await line in lines {
                    progress.touch(sawLine: true)
                    switch line {
                    case .event(let event, let text):
                        guard progress.advance(to: event.seq) else { continue }
                        try await deliver(.event(event, text: text))
                    case .heartbeat(let seq):
                        // Started from `now` and nothing seen yet: this is where `now` was.
                        if progress.lastSeq == nil { _ = progress.advance(to: seq) }
                        try await deliver(.heartbeat(seq: seq))
                    }
                    progress.touch()
                }
            }
            group.addTask {
                try await progress.waitUntilSilent(for: staleAfter)
                throw ClientError.connection(
                    "no event or heartbeat from \(server) for \(staleAfter); the connection is dead")
            }
            try await group.next()
            group.cancelAll()
        }
    }
}

/// What a watch has seen so far, shared by the reading task and the watchdog; activity is
/// timed on `clock`.
private final class WatchProgress<WatchClock: Clock<Duration>>: Sendable {
    private struct State {
        var lastSeq: Int?
        var lastActivity: WatchClock.Instant
        var sawLine = false
    }

    private let state: Mutex<State>
    private let clock: WatchClock

    init(since: Int?, clock: WatchClock) {
        self.clock = clock
        state = Mutex(State(lastSeq: since, lastActivity: clock.now))
    }

    /// The last event `seq` delivered (or the starting point).
    var lastSeq: Int? {
        state.withLock { $0.lastSeq }
    }

    /// Records activity on the connection now.
    func touch(sawLine: Bool = false) {
        let now = clock.now
        state.withLock {
            $0.lastActivity = now
            if sawLine { $0.sawLine = true }
        }
    }

    /// Moves the position to `seq`; `false` when `seq` is not past it (already delivered).
    func advance(to seq: Int) -> Bool {
        state.withLock {
            if let last = $0.lastSeq, seq <= last { return false }
            $0.lastSeq = seq
            return true
        }
    }

    /// Whether a line arrived since the last call.
    func takeLineSeen() -> Bool {
        state.withLock { state in
            defer { state.sawLine = false }
            return state.sawLine
        }
    }

    /// Returns once nothing has happened for `limit`.
    func waitUntilSilent(for limit: Duration) async throws {
        while true {
            let deadline = state.withLock { $0.lastActivity }.advanced(by: limit)
            if clock.now >= deadline { return }
            try await clock.sleep(until: deadline, tolerance: nil)
        }
    }
}
