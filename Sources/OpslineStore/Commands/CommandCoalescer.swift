import Synchronization

/// Lets one caller's concurrent single commands share a transaction (`TaskStore.applyOne`).
///
/// Each command is one durable transaction, and on a busy server most of a transaction's cost
/// is fixed: its round trips, its `COMMIT` and the flush behind it, the thread switches around
/// them. A caller that sends many commands at once (a service moving tasks from several workers)
/// pays that cost once per command although the commands could have committed together.
///
/// The coalescer keeps, per caller, at most ``groupsInFlight`` transactions running. A command
/// that finds one free runs at once, alone, exactly as before: an idle server adds no wait.
/// Commands that arrive while all are busy wait in line; when a transaction ends, everything
/// waiting (up to ``largestGroup``) goes into the next one, run as a batch (`applyBatch`, not
/// atomic), so each command still gets its own outcome, a refused command never spoils its
/// neighbours, and each is answered only after the `COMMIT` of the transaction that holds it.
/// Nothing waits for time to pass: the line only fills while the database is busy anyway.
///
/// Only one caller's commands share a transaction: the caller is the actor its events record,
/// the scope of its idempotency keys and what its permissions are checked against.
///
/// The group runs in the task of one of its commands, its leader, which the coalescer wakes
/// for that; the others wait for their outcomes. If the group fails as a whole before its
/// `COMMIT` (the leader's request was cancelled, an internal error), each of its commands runs
/// again alone in its own task, so each gets the answer it would have got without the coalescer.
/// If the group lost its connection, whether the `COMMIT` went through is not known: each
/// command gets the error, as a single command whose connection died does, and the caller's
/// retry (with its idempotency key) decides.
final class CommandCoalescer: Sendable {
    /// The most transactions of one caller's single commands running at once.
    let groupsInFlight: Int
    /// The most commands in one shared transaction (the API's batch size).
    let largestGroup: Int
    private let lines = Mutex<[CommandCaller: Line]>([:])

    /// A caller's transactions running, and its commands waiting for the next one.
    private struct Line {
        var running = 0
        var waiting: [Waiting] = []
    }

    /// A command waiting in line, and how to wake it.
    struct Waiting: Sendable {
        let entry: BatchCommand
        let wake: CheckedContinuation<Turn, Never>
    }

    /// What a command is told to do when it is woken.
    enum Turn: Sendable {
        /// Run the group of this command followed by `others` (possibly none), then hand over.
        case lead(others: [Waiting])
        /// Another command's transaction applied this one: here is its outcome.
        case done(CommandOutcome)
        /// The group it was in failed as a whole before it could commit: run alone.
        case alone
        /// The group it was in lost its connection, perhaps after its `COMMIT` went through:
        /// the command is not run again, lest it be applied twice; this is its error.
        case failed(any Error)
    }

    /// - Parameter groupsInFlight: at least 1; 1 makes a caller's single commands take turns.
    init(groupsInFlight: Int, largestGroup: Int = 100) {
        precondition(groupsInFlight > 0 && largestGroup > 0)
        self.groupsInFlight = groupsInFlight
        self.largestGroup = largestGroup
    }

    /// Waits for `entry`'s turn: to lead a group at once when one of `caller`'s transactions is
    /// free, otherwise whatever the command is woken for.
    func turn(of entry: BatchCommand, caller: CommandCaller) async -> Turn {
        await withCheckedContinuation { wake in
            let leadsNow = lines.withLock { lines in
                var line = lines[caller, default: Line()]
                defer { lines[caller] = line }
                guard line.running < groupsInFlight else {
                    line.waiting.append(Waiting(entry: entry, wake: wake))
                    return false
                }
                line.running += 1
                return true
            }
            if leadsNow { wake.resume(returning: .lead(others: [])) }
        }
    }

    /// How many of `caller`'s transactions are running, and how many of its commands wait.
    func load(of caller: CommandCaller) -> (running: Int, waiting: Int) {
        lines.withLock { lines in (lines[caller]?.running ?? 0, lines[caller]?.waiting.count ?? 0) }
    }

    /// Ends a group of `caller`'s: the commands waiting form the next one, whose first command
    /// is woken to lead it; with none waiting, the transaction's place is free.
    func handOver(caller: CommandCaller) {
        let next: [Waiting] = lines.withLock { lines in
            guard var line = lines[caller] else { return [] }
            let next = Array(line.waiting.prefix(largestGroup))
            line.waiting.removeFirst(next.count)
            if next.isEmpty { line.running -= 1 }
            lines[caller] = line.running == 0 && line.waiting.isEmpty ? nil : line
            return next
        }
        guard let leader = next.first else { return }
        leader.wake.resume(returning: .lead(others: Array(next.dropFirst())))
    }
}
