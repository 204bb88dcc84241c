import Foundation

/// The time Opsline runs on: the instant its writes are stamped with and due work is compared
/// against, and the clock its loops sleep on.
///
/// In production the instant is each transaction's own `now()` in PostgreSQL — one clock for
/// every replica — and waits sleep on `ContinuousClock`. A test passes a clock it moves instead:
/// every statement that reads the time then takes the test's instant as a parameter
/// (`coalesce($n::timestamptz, now())`, as River does), and every wait sleeps on the test's
/// clock, so a test lets an hour pass by advancing its clock, never by waiting.
public struct OpslineClock: Sendable {
    private let fixedInstant: @Sendable () -> Date?
    private let elapsedTime: @Sendable () -> Duration
    private let sleepUntilElapsed: @Sendable (Duration) async throws -> Void

    /// A clock reading `now` (nil: the database's `now()`) and sleeping on `sleeper`.
    public init<Sleeper: Clock>(now: @escaping @Sendable () -> Date?, sleeper: Sleeper)
    where Sleeper.Duration == Duration, Sleeper: Sendable {
        let origin = sleeper.now
        self.fixedInstant = now
        self.elapsedTime = { origin.duration(to: sleeper.now) }
        self.sleepUntilElapsed = { try await sleeper.sleep(until: origin.advanced(by: $0), tolerance: nil) }
    }

    /// The database's clock for writes and comparisons, `ContinuousClock` for waits.
    public static let system = OpslineClock(now: { nil }, sleeper: ContinuousClock())

    /// The instant statements use in place of the transaction's `now()`; nil in production,
    /// where each transaction uses its own.
    var statementNow: Date? { fixedInstant() }

    /// The current instant, for what the server computes itself (time left on a clock, the
    /// expiry of a cached token): the fixed instant when there is one, else the system's time.
    public var now: Date { fixedInstant() ?? Date() }

    /// A point on the sleeping clock, to sleep until later (`sleep(until:)`).
    public var elapsed: Duration { elapsedTime() }

    /// Sleeps until the sleeping clock reaches `deadline` (from `elapsed`); at once if it has.
    /// A deadline taken before reading what it depends on is not missed when time moves meanwhile.
    public func sleep(until deadline: Duration) async throws {
        try await sleepUntilElapsed(deadline)
    }

    /// Sleeps `duration` on the sleeping clock.
    public func sleep(for duration: Duration) async throws {
        try await sleepUntilElapsed(elapsed + duration)
    }
}
