/// The stretches of `seq`s a page of the event log is read in: from the cursor, `limit` seqs
/// first, each next stretch four times as long, up to the frontier.
///
/// Read in one go, `seq > cursor AND seq <= frontier ORDER BY seq LIMIT n` is planned from the
/// table's statistics, which never know the newest seqs (the log only grows at its end): the
/// planner takes the stretch for a few hundred rows, reads all of it through a bitmap and sorts
/// it for the first `n`. A follower that fell behind by 20,000 events then paid 25 ms a page for
/// 500 of them, fell further behind, and paid more. In stretches, a page costs what it reads:
/// an unfiltered page (the seqs are dense) takes one stretch; a filtered one, a few, growing as
/// they come back sparse. A task's history is read through the task's index, whatever the range,
/// so it is read in one stretch.
struct SeqWindow {
    /// Where the current stretch starts (exclusive).
    private(set) var start: Int64
    private var end: Int64
    private var length: Int64
    private let frontier: Int64

    init(after cursor: Int64, limit: Int, frontier: Int64, byTask: Bool) {
        start = cursor
        end = cursor
        length = byTask ? frontier - cursor : Int64(max(limit, 1))
        self.frontier = frontier
    }

    /// The end (inclusive) of the next stretch, or nil once the frontier is reached.
    mutating func next() -> Int64? {
        guard end < frontier else { return nil }
        start = end
        end = frontier - start > length ? start + length : frontier
        length = length > Int64.max / 4 ? Int64.max : length * 4
        return end
    }
}
