/// The stretches of `seq`s a page of the event log is read in: from the cursor, `limit` seqs
/// first, then stretches sized for what is still wanted at the density the earlier ones showed,
/// up to the frontier.
///
/// Read in one go, `seq > cursor AND seq <= frontier ORDER BY seq LIMIT n` is planned from the
/// table's statistics, which never know the newest seqs (the log only grows at its end): the
/// planner takes the stretch for a few hundred rows, reads all of it through a bitmap and sorts
/// it for the first `n`. A follower that fell behind by 20,000 events then paid 25 ms a page for
/// 500 of them, fell further behind, and paid more. In stretches, a page costs what it reads:
/// an unfiltered page (the seqs are dense) takes one stretch; a filtered one usually two, the
/// second sized from the first. A task's history is read through the task's index, whatever the
/// range, so it is read in one stretch.
struct SeqWindow {
    /// Where the current stretch starts (exclusive).
    private(set) var start: Int64
    private var end: Int64
    private var length: Int64
    private let cursor: Int64
    private let frontier: Int64
    /// Events still wanted for the page.
    private var wanted: Int
    /// Events the stretches read so far held.
    private var held = 0

    init(after cursor: Int64, limit: Int, frontier: Int64, byTask: Bool) {
        self.cursor = cursor
        start = cursor
        end = cursor
        length = byTask ? frontier - cursor : Int64(max(limit, 1))
        self.frontier = frontier
        wanted = max(limit, 1)
    }

    /// The end (inclusive) of the next stretch, given how many events the last one held; nil
    /// once the frontier is reached.
    mutating func next(lastHeld: Int = 0) -> Int64? {
        guard end < frontier else { return nil }
        if end > cursor {
            held += lastHeld
            wanted -= lastHeld
            length = Self.grown(length, read: end - cursor, held: held, wanted: wanted)
        }
        start = end
        end = frontier - start > length ? start + length : frontier
        return end
    }

    /// The next stretch's length: enough for `wanted` more events at the density seen so far,
    /// with a quarter to spare, and between 2 and 64 times `length` (at least doubling, so that a
    /// sparse filter needs few stretches; at most 64 times, so that one dense patch after a
    /// sparse one does not make the next stretch read the whole log).
    private static func grown(_ length: Int64, read: Int64, held: Int, wanted: Int) -> Int64 {
        func times(_ factor: Int64) -> Int64 { length > Int64.max / factor ? Int64.max : length * factor }
        // Nothing held yet: nothing to size from, but that the filter is sparse.
        guard held > 0 else { return times(8) }
        let needed = (Double(wanted) * Double(read) / Double(held) * 1.25).rounded(.up)
        return min(times(64), max(times(2), needed < Double(Int64.max) ? Int64(needed) : Int64.max))
    }
}
