/// How ``EventWatcher`` paces its reconnection attempts and when it gives a silent connection up.
///
/// The delay doubles with each consecutive failure, from ``initialDelay`` up to ``maximumDelay``,
/// and is spread by ``jitter`` so that many watchers of a restarted server do not all come back
/// at the same instant.
public struct ReconnectPolicy: Sendable, Hashable {
    /// The wait after the first failure.
    var initialDelay: Duration
    /// The longest wait between two attempts.
    var maximumDelay: Duration
    /// The share by which a delay may randomly grow or shrink: `0.2` spreads a 10 s delay over
    /// 8–12 s (never beyond ``maximumDelay``).
    var jitter: Double
    /// How long a connection may stay silent before it is considered dead; the server sends a
    /// heartbeat at least every 15 s, so the default allows two to go missing.
    var staleAfter: Duration

    /// Creates a policy.
    public init(
        initialDelay: Duration = .milliseconds(500), maximumDelay: Duration = .seconds(30),
        jitter: Double = 0.2, staleAfter: Duration = .seconds(45)
    ) {
        self.initialDelay = initialDelay
        self.maximumDelay = maximumDelay
        self.jitter = jitter
        self.staleAfter = staleAfter
    }

    /// The wait before the next attempt.
    ///
    /// - Parameters:
    ///   - failures: How many attempts in a row have failed, counting the last one (1 or more).
    ///   - random: A number in `-1...1` that picks the point within the jitter; random by default.
    public func delay(afterFailures failures: Int, random: Double = .random(in: -1...1)) -> Duration {
        var delay = initialDelay
        var doublings = failures - 1
        while doublings > 0, delay > .zero, delay < maximumDelay {
            delay *= 2
            doublings -= 1
        }
        delay = min(delay, maximumDelay)
        let spread = delay * (1 + jitter * min(1, max(-1, random)))
        return max(.zero, min(spread, maximumDelay))
    }
}
