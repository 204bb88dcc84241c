import Logging
import OpslineStore
import TestSupport

@testable import OpslineServer

/// The due-work scheduler running on a test's time, as `opsline serve` runs it, with a signal of
/// committed events to wait on: a test moves time with `advance(by:)`, and waits for what the
/// scheduler then applies with `value(_:)`, never by sleeping.
struct RunningScheduler: Sendable {
    let time: TestTime
    /// Fires on every commit that appends events (`NotifyChannel.events`).
    let events: EventSignal

    /// Runs `body` while a scheduler applies `database`'s due work, then stops it.
    static func with<Value: Sendable>(
        _ database: OpslineDatabase, time: TestTime, configure: (inout DueWorkScheduler) -> Void = { _ in },
        _ body: @Sendable (RunningScheduler) async throws -> Value
    ) async throws -> Value {
        let conninfo = database.pool.conninfo
        let dueSignal = EventSignal(conninfo: conninfo, channel: .due)
        let events = EventSignal(conninfo: conninfo)
        var scheduler = DueWorkScheduler(runner: database.dueWork, signal: dueSignal, logger: Logger(label: "test"))
        configure(&scheduler)
        return try await withBackgroundServices([
            dueSignal.run, events.run, { [scheduler] in try await scheduler.run() },
        ]) {
            await dueSignal.listening()
            await events.listening()
            return try await body(RunningScheduler(time: time, events: events))
        }
    }

    /// Lets `duration` of the test's time pass.
    func advance(by duration: Duration) async {
        await time.advance(by: duration)
    }

    /// Reads `read` again after every commit, until it gives a value (`ChangeSignal.value`).
    func value<Value>(_ read: () async throws -> Value?) async throws -> Value {
        try await events.value(read)
    }

    /// Reads `read` again after every commit, until `condition` holds on what it read.
    func until<Value>(_ read: () async throws -> Value, _ condition: (Value) -> Bool) async throws -> Value {
        try await events.value(read, until: condition)
    }
}
