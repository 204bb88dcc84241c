import Foundation
import Synchronization

/// Matches each `transitioned` event a follower receives to the request line that produced it,
/// to measure COMMIT → follower latency (see `FollowerProbe`).
///
/// The matching is exact because of how the load runs: a task belongs to one client, which has
/// one request in flight at a time and never puts a task twice in one request, and the follower
/// of a round starts (`since=now`) after pgbench's last round has finished, so every event it
/// sees comes from a line sent in this round. Per task, the lines are queued in the order they
/// were sent; an event for the task is always produced by the oldest line that was not refused.
/// A refused line never commits and is dropped from the queue when its answer says so, which
/// always happens before the client sends the task's next line. So an event `(task, to)` pops
/// refused lines off the front and must then find a line moving the task to `to`; anything else
/// counts as `unmatched` (none is expected).
///
/// The commit happens between a line's send and its answer, so the event's arrival minus the
/// send is an upper bound of the COMMIT → follower latency, and arrival minus the answer a lower
/// bound (negative when the follower had the event before the client had its answer). For a
/// single transition the two are close; for a 100-line batch the upper bound includes the whole
/// batch's processing, and the lower bound is the better estimate.
final class CommitLedger: Sendable {
    private struct Line {
        let to: String
        let sent: ContinuousClock.Instant
        let measured: Bool
        var answered: ContinuousClock.Instant?
        /// nil until the answer: true for a line that moved its task, false for a refused one.
        var committed: Bool?
        var arrived: ContinuousClock.Instant?
    }

    private struct State {
        var lines: [Line] = []
        /// Per task, the indices in `lines` of lines whose event has not arrived, oldest first.
        var pending: [String: [Int]] = [:]
        var unmatched = 0
    }

    private let state = Mutex(State())
    private let window: MeasurementWindow

    init(window: MeasurementWindow) {
        self.window = window
    }

    /// Records lines sent at `sent`, each moving `task` to the state `to`; returns their ids.
    func sent(_ moves: [(task: String, to: String)], at sent: ContinuousClock.Instant) -> Range<Int> {
        let measured = sent >= window.start && sent < window.end
        return state.withLock { state in
            let first = state.lines.count
            for move in moves {
                state.pending[move.task, default: []].append(state.lines.count)
                state.lines.append(Line(to: move.to, sent: sent, measured: measured))
            }
            return first..<state.lines.count
        }
    }

    /// Records the answer to lines from `sent`: whether each one committed its move.
    func answered(_ ids: Range<Int>, at answered: ContinuousClock.Instant, committed: (Int) -> Bool) {
        state.withLock { state in
            for (offset, id) in ids.enumerated() {
                state.lines[id].answered = answered
                state.lines[id].committed = committed(offset)
            }
        }
    }

    /// Records a `transitioned` event of `task` to the state `to`, received at `arrived`.
    func arrived(task: String, to: String, at arrived: ContinuousClock.Instant) {
        state.withLock { state in
            var queue = state.pending[task] ?? []
            defer { state.pending[task] = queue }
            while let first = queue.first {
                let line = state.lines[first]
                if line.committed == false {
                    queue.removeFirst()
                } else if line.to == to {
                    state.lines[first].arrived = arrived
                    queue.removeFirst()
                    return
                } else {
                    break
                }
            }
            state.unmatched += 1
        }
    }

    /// Lines that committed and whose event has not arrived yet.
    var outstanding: Int {
        state.withLock { state in state.lines.count { $0.committed == true && $0.arrived == nil } }
    }

    /// The latencies of the measured lines' events, in milliseconds.
    func tally() -> FollowerTally {
        state.withLock { state in
            var tally = FollowerTally()
            tally.unmatched = state.unmatched
            for line in state.lines where line.measured && line.committed == true {
                guard let arrived = line.arrived, let answered = line.answered else {
                    tally.missing += 1
                    continue
                }
                tally.fromSend.append((arrived - line.sent).milliseconds)
                tally.fromAnswer.append((arrived - answered).milliseconds)
            }
            return tally
        }
    }
}

/// What the follower measured in one or more rounds, in milliseconds.
struct FollowerTally: Sendable {
    var fromSend: [Double] = []
    var fromAnswer: [Double] = []
    /// Committed measured lines whose event never arrived.
    var missing = 0
    /// Events no line accounts for.
    var unmatched = 0

    static func + (left: FollowerTally, right: FollowerTally) -> FollowerTally {
        FollowerTally(
            fromSend: left.fromSend + right.fromSend, fromAnswer: left.fromAnswer + right.fromAnswer,
            missing: left.missing + right.missing, unmatched: left.unmatched + right.unmatched)
    }

    var result: FollowerLatency {
        FollowerLatency(
            events: fromSend.count, missing: missing, unmatched: unmatched,
            fromSend: LatencySummary(milliseconds: fromSend), fromAnswer: LatencySummary(milliseconds: fromAnswer))
    }
}

/// COMMIT → follower latency of a phase (see `CommitLedger` for the method).
struct FollowerLatency: Codable, Sendable {
    /// Measured lines whose event the follower received.
    var events: Int
    var missing: Int
    var unmatched: Int
    /// Arrival minus the request's send: an upper bound of the latency.
    var fromSend: LatencySummary
    /// Arrival minus the request's answer: a lower bound.
    var fromAnswer: LatencySummary
}
