import Clocks
import Foundation
import OpslineStore

/// Time a test moves instead of waiting for it.
///
/// Hand `clock` to the database (`OpslineDatabase(pool:clock:)`): every statement then reads
/// `now` in place of PostgreSQL's `now()`, and the scheduler sleeps on the test clock. `advance`
/// moves both, and wakes whatever slept until a moment it passed.
public final class TestTime: Sendable {
    /// What sleeps wait on; `advance` moves it.
    public let testClock = TestClock<Duration>()
    /// The instant the test starts at: a whole second, so that PostgreSQL's microseconds hold it
    /// exactly.
    public let start: Date

    /// Time starting at `start` (default: the current second).
    public init(start: Date = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))) {
        self.start = start
    }

    /// The current instant: `start` plus how far the test has advanced.
    public var now: Date {
        let elapsed = TestClock<Duration>.Instant().duration(to: testClock.now)
        let (seconds, attoseconds) = elapsed.components
        return start.addingTimeInterval(Double(seconds) + Double(attoseconds) / 1e18)
    }

    /// The clock to give the server and its stores.
    public var clock: OpslineClock {
        OpslineClock(now: { [self] in now }, sleeper: Sleeper(testClock: testClock))
    }

    /// `testClock`, but a sleep until a moment already reached returns at once, as on a real
    /// clock. `TestClock` holds a sleep whose deadline equals its `now` until the next `advance`:
    /// a scheduler that read "due in 1 s" just before the test moved time by exactly 1 s would
    /// sleep on. Sleeping a nanosecond less wakes it with that advance, or at once after it.
    struct Sleeper: Clock {
        let testClock: TestClock<Duration>
        var now: TestClock<Duration>.Instant { testClock.now }
        var minimumResolution: Duration { .zero }

        func sleep(until deadline: TestClock<Duration>.Instant, tolerance: Duration?) async throws {
            try await testClock.sleep(until: deadline.advanced(by: .nanoseconds(-1)), tolerance: tolerance)
        }
    }

    /// Lets `duration` pass: statements see the later instant, and sleepers whose time came wake.
    public func advance(by duration: Duration) async {
        await testClock.advance(by: duration)
    }
}
