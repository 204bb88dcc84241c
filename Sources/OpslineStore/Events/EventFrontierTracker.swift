/// Works out, from what a reader sees of the event log, the **frontier**: the highest `seq` at or
/// below which every event is final — committed and visible, or never to be (its transaction
/// rolled back). Reading only `seq ≤ frontier` is what keeps the stream gap-free while
/// transactions commit concurrently, in any order. Pure logic; ``EventFrontier`` feeds it scans.
///
/// An event's `seq` comes from a sequence as its transaction appends it, just before `COMMIT`, so
/// a transaction that drew seq 11 may commit after one that drew 12. A reader that finds 12 but
/// not 11 has found a **hole**; it may step over it only once the hole is known to be final:
/// - filled: the transaction that drew 11 committed (a later scan sees 11);
/// - dead: that transaction ended without committing it. Its owner drew 11 before 12 was drawn,
///   and 12 was committed before the scan that first saw the hole, so the owner had its
///   transaction id (the append takes it before drawing) before that scan's snapshot: below the
///   snapshot's `xmax`. Once a later snapshot's `xmin` — the oldest transaction still running —
///   reaches that `xmax`, the owner has ended; if 11 is still not there, it never will be.
///
/// Where to start, without scanning the whole log: the sequence's last drawn value `L`, read in
/// one statement, then a snapshot's `xmax` in a later one. Every seq up to `L` was drawn by a
/// transaction with an id below that `xmax`; once `xmin` reaches it, all of them are final.
public struct EventFrontierTracker: Sendable, Equatable {
    /// What one scan saw, all in one snapshot: its `xmin` and `xmax`, and the seqs above the
    /// position it scanned from (``scanFrom``), ascending.
    public struct Scan: Sendable, Equatable {
        public var xmin: Int64
        public var xmax: Int64
        public var seqs: [Int64]

        public init(xmin: Int64, xmax: Int64, seqs: [Int64]) {
            self.xmin = xmin
            self.xmax = xmax
            self.seqs = seqs
        }
    }

    /// The frontier; nil until the start (``start(lastDrawn:)``) is known final.
    public private(set) var frontier: Int64?
    /// Whether events above the frontier are visible but held back behind a hole not yet known
    /// to be final: a reader then looks again soon, as no notification may come (a transaction
    /// that rolls back announces nothing).
    public private(set) var isHolding = false
    /// Where the next scan starts: the frontier, or the start while it is not yet final.
    public private(set) var scanFrom: Int64 = 0
    /// Whether ``start(lastDrawn:)`` was called.
    public private(set) var hasStarted = false

    /// The start's `xmax`, once a scan gave one, while the start is not yet final.
    private var startHorizon: Int64?
    /// The runs of missing seqs seen between visible ones, ascending, each with the `xmax` of the
    /// first scan that saw it missing. A run only shrinks (a seq once visible stays so), so a run
    /// a later scan finds lies inside one seen before, or above everything seen before.
    private var holes: [Hole] = []

    private struct Hole: Sendable, Equatable {
        var seqs: ClosedRange<Int64>
        var horizon: Int64
    }

    public init() {}

    /// Starts from `lastDrawn`, the sequence's last drawn value (0 when none was ever drawn),
    /// read before the next scan's statement.
    public mutating func start(lastDrawn: Int64) {
        hasStarted = true
        scanFrom = lastDrawn
        frontier = lastDrawn == 0 ? 0 : nil
    }

    /// Takes in a scan from ``scanFrom``; returns the frontier after it (nil while the start is
    /// not final yet).
    @discardableResult
    public mutating func observe(_ scan: Scan) -> Int64? {
        recordHoles(in: scan)
        if frontier == nil {
            let horizon = startHorizon ?? scan.xmax
            startHorizon = horizon
            guard scan.xmin >= horizon else {
                isHolding = !scan.seqs.isEmpty
                return nil
            }
            frontier = scanFrom
            startHorizon = nil
        }
        var position = scanFrom
        isHolding = false
        for seq in scan.seqs where seq > position {
            // A run of missing seqs below `seq` is stepped over once known dead.
            if position + 1 < seq {
                guard let hole = holes.first(where: { $0.seqs.contains(position + 1) }), scan.xmin >= hole.horizon
                else {
                    isHolding = true
                    break
                }
            }
            position = seq
        }
        frontier = position
        scanFrom = position
        holes.removeAll { $0.seqs.upperBound <= position }
        return position
    }

    /// Replaces the runs of missing seqs the scan covers with those it finds, each keeping the
    /// horizon of the run it lies in, or taking the scan's `xmax` when first seen.
    private mutating func recordHoles(in scan: Scan) {
        guard let last = scan.seqs.last else { return }
        var found: [Hole] = []
        var previous = scanFrom
        for seq in scan.seqs where seq > previous {
            if previous + 1 < seq {
                let run = (previous + 1)...(seq - 1)
                let horizon = holes.first { $0.seqs.contains(run.lowerBound) }?.horizon ?? scan.xmax
                found.append(Hole(seqs: run, horizon: horizon))
            }
            previous = seq
        }
        holes = found + holes.filter { $0.seqs.lowerBound > last }
    }
}
