import Foundation

/// What an attempt's answer means for a delivery, and when to try again: a pure function, so the
/// schedule can be tested without a receiver or a clock.
///
/// A 2xx delivers. A 4xx other than 408 and 429 is refused for good: trying again sends the same
/// request. An SMTP relay's 2xx delivers, its 4xx (transient by RFC 5321) is tried again and its
/// 5xx is refused for good. Everything else — a time-out, a connection error (TLS included), 408,
/// 429 and 5xx — is tried again:
/// first 5–10 s later, then twice as long each time with jitter, up to an hour apart, and no
/// later than 24 hours after the delivery was queued; a 429's `Retry-After` is honoured when it
/// asks for longer. After that the delivery is dead.
public struct DeliveryRetryPolicy: Sendable, Hashable {
    /// The first retry's delay before jitter halves it at most.
    public var firstDelay: TimeInterval = 10
    /// The longest delay between attempts.
    public var longestDelay: TimeInterval = 3600
    /// How long after queuing a delivery is tried at all.
    public var giveUpAfter: TimeInterval = 24 * 3600

    /// The default schedule.
    public init() {}

    /// What the receiver did with one attempt.
    public enum Answer: Sendable, Hashable {
        /// An HTTP status, with a 429's or 503's `Retry-After` in seconds.
        case status(Int, retryAfter: TimeInterval?)
        /// An SMTP relay's reply to the message (or to the step it refused): its code, and the
        /// reply as one line (`451 4.3.0 Try again later`).
        case reply(Int, String)
        /// No answer: a time-out, a refused connection, a TLS failure.
        case unreachable(String)
        /// Not sent, and never will be: the destination is not allowed (any more).
        case refused(String)
    }

    /// What becomes of the delivery.
    public enum Decision: Sendable, Hashable {
        case delivered
        /// Try again at that moment.
        case retry(at: Date)
        /// Give up.
        case dead
    }

    /// The decision after attempt number `attempt` (from 1) answered `answer` at `now`.
    /// - Parameter jitter: A number in 0…1 that spreads retries (random in production).
    public func decide(
        _ answer: Answer, attempt: Int, queuedAt: Date, now: Date, jitter: Double
    ) -> Decision {
        var floor: TimeInterval = 0
        switch answer {
        case .status(let status, _) where (200..<300).contains(status): return .delivered
        case .status(let status, let retryAfter) where status == 429 || status == 503:
            floor = min(retryAfter ?? 0, longestDelay)
        case .status(let status, _) where (400..<500).contains(status) && status != 408: return .dead
        case .refused: return .dead
        case .reply(let code, _) where (200..<300).contains(code): return .delivered
        case .reply(let code, _) where !(400..<500).contains(code): return .dead
        case .status, .reply, .unreachable: break
        }
        let doubled = firstDelay * pow(2, Double(min(max(attempt - 1, 0), 20)))
        let delay = max(floor, min(doubled, longestDelay) * (0.5 + 0.5 * min(max(jitter, 0), 1)))
        // On a whole millisecond, as the delivery log shows it.
        let next = Date(
            timeIntervalSince1970: (now.addingTimeInterval(delay).timeIntervalSince1970 * 1000).rounded(.up) / 1000)
        return next.timeIntervalSince(queuedAt) > giveUpAfter ? .dead : .retry(at: next)
    }
}
