@testable import OpslineStore
import Synchronization
import Testing

/// A caller's batches beyond its limit wait their turn, in order; other callers do not wait for
/// them; a waiting batch whose request is cancelled leaves the line and takes no turn.
@Suite struct CallerTransactionLimitTests {
    let worker = CommandCaller.system("worker")

    /// The names of transactions in the order they started.
    final class Starts: Sendable {
        private let names = Mutex<[String]>([])
        func append(_ name: String) { names.withLock { $0.append(name) } }
        var order: [String] { names.withLock { $0 } }
    }

    /// A transaction held open until its gate opens; reports when it starts.
    final class Held: Sendable {
        let gate = AsyncStream<Void>.makeStream()
        let started = AsyncStream<Void>.makeStream()
        /// Where it writes `name` when it starts.
        let name: String
        let starts: Starts?

        init(_ name: String = "", starts: Starts? = nil) {
            self.name = name
            self.starts = starts
        }

        /// Runs a transaction under `limit` for `caller` until ``open()``.
        func run(_ limit: CallerTransactionLimit, for caller: CommandCaller) -> Task<Void, any Error> {
            Task {
                try await limit.run(for: caller) {
                    starts?.append(name)
                    started.continuation.yield()
                    for await _ in gate.stream { break }
                }
            }
        }

        func waitUntilStarted() async {
            for await _ in started.stream { break }
        }

        func open() { gate.continuation.yield() }
    }

    /// Yields until `count` of `caller`'s batches wait (no clock: the waiters enqueue on their own);
    /// records an issue if they never do (one ran instead of waiting), rather than hang.
    func waitForWaiting(
        _ count: Int, on limit: CallerTransactionLimit, for caller: CommandCaller,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async {
        for _ in 0..<1_000_000 where limit.waiting(for: caller) != count { await Task.yield() }
        #expect(limit.waiting(for: caller) == count, "batches waiting", sourceLocation: sourceLocation)
    }

    @Test func aCallersThirdBatchWaitsUntilOneOfItsTwoEnds() async throws {
        let limit = CallerTransactionLimit(limit: 2)
        let first = Held(), second = Held(), third = Held()
        let running = [first.run(limit, for: worker), second.run(limit, for: worker)]
        await first.waitUntilStarted()
        await second.waitUntilStarted()
        let waiting = third.run(limit, for: worker)
        await waitForWaiting(1, on: limit, for: worker)
        first.open()
        try await running[0].value
        await third.waitUntilStarted()
        #expect(limit.waiting(for: worker) == 0)
        second.open()
        third.open()
        try await running[1].value
        try await waiting.value
    }

    @Test func waitingBatchesTakeTheirTurnsInTheOrderTheyCame() async throws {
        let limit = CallerTransactionLimit(limit: 1)
        let starts = Starts()
        let holder = Held("holder", starts: starts)
        let early = Held("early", starts: starts)
        let late = Held("late", starts: starts)
        let held = holder.run(limit, for: worker)
        await holder.waitUntilStarted()
        let earlyTask = early.run(limit, for: worker)
        await waitForWaiting(1, on: limit, for: worker)
        let lateTask = late.run(limit, for: worker)
        await waitForWaiting(2, on: limit, for: worker)
        holder.open()
        try await held.value
        // Whichever got the turn starts (bounded: a wrong one must not hang the test).
        for _ in 0..<1_000_000 where starts.order.count < 2 { await Task.yield() }
        // The turn went to the early one; the late one still waits.
        #expect(starts.order == ["holder", "early"])
        #expect(limit.waiting(for: worker) == 1)
        early.open()
        late.open()
        try await earlyTask.value
        try await lateTask.value
        #expect(starts.order == ["holder", "early", "late"])
    }

    @Test func anotherCallersBatchDoesNotWaitForTheFirstCallersTurn() async throws {
        let limit = CallerTransactionLimit(limit: 1)
        let holder = Held()
        let held = holder.run(limit, for: worker)
        await holder.waitUntilStarted()
        // Runs to its end while the worker's only turn is taken.
        let other = try await limit.run(for: .system("importer")) { 42 }
        #expect(other == 42)
        holder.open()
        try await held.value
    }

    @Test func aCancelledWaitingBatchLeavesTheLineAndTakesNoTurn() async throws {
        let limit = CallerTransactionLimit(limit: 1)
        let holder = Held(), cancelled = Held()
        let held = holder.run(limit, for: worker)
        await holder.waitUntilStarted()
        let waiting = cancelled.run(limit, for: worker)
        await waitForWaiting(1, on: limit, for: worker)
        waiting.cancel()
        await #expect(throws: CancellationError.self) { try await waiting.value }
        #expect(limit.waiting(for: worker) == 0)
        holder.open()
        try await held.value
        // The turn came back: the next batch runs at once.
        let next = try await limit.run(for: worker) { "ran" }
        #expect(next == "ran")
    }
}
