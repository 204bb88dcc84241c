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
///   and 12 was committed before the scan that saw the hole, so the owner had its transaction id
///   (the append takes it before drawing) before that scan. The reader then takes a transaction
///   id of its own, the hole's **horizon**: larger than every id handed out before, the owner's
///   included. Once the oldest transaction of this database still running is above the horizon,
///   the owner has ended; a scan whose snapshot is taken after that, and still misses 11, shows
///   it never will be there. (A snapshot's `xmax` would not bound the owner: it is one past the
///   newest *finished* transaction, and one given its id later may still be running above it.
///   A snapshot's `xmin` would, but it counts every database of the cluster: one long
///   transaction elsewhere would hold the stream back.)
///
/// Where to start, without scanning the whole log: the sequence's last drawn value, read in one
/// statement, then a horizon taken after it. Every seq drawn so far was drawn by a transaction
/// with an id below that horizon; once the oldest running one is above it, all are final.
public struct EventFrontierTracker: Sendable, Equatable {
    /// What one scan saw: the seqs above the position it scanned from (``scanFrom``), ascending,
    /// in one snapshot; and the oldest transaction id of this database that was still running at
    /// a moment *before* that snapshot was taken and *after* every horizon given so far
    /// (`Int64.max` when none was, `Int64.min` when it is not known).
    public struct Scan: Sendable, Equatable {
        public var oldestRunning: Int64
        public var seqs: [Int64]

        public init(oldestRunning: Int64, seqs: [Int64]) {
            self.oldestRunning = oldestRunning
            self.seqs = seqs
        }
    }

    /// The frontier; nil until the start (``start(lastDrawn:)``) is known final.
    public private(set) var frontier: Int64?
    /// Whether events above the frontier are visible but held back behind a hole not yet known
    /// to be final, or the start is not final yet: a reader then looks again soon, as no
    /// notification may come (a transaction that rolls back announces nothing).
    public private(set) var isHolding = false
    /// Where the next scan starts: the frontier, or the start while it is not yet final.
    public private(set) var scanFrom: Int64 = 0
    /// Whether ``start(lastDrawn:)`` was called.
    public private(set) var hasStarted = false

    /// The start's horizon while the start is not yet final (nil: not taken yet).
    private var startHorizon: Int64?
    /// The runs of missing seqs seen between visible ones, ascending, each with its horizon (nil
    /// until taken). A run only shrinks (a seq once visible stays so), so a run a later scan
    /// finds lies inside one seen before, or above everything seen before.
    private var holes: [Hole] = []

    private struct Hole: Sendable, Equatable {
        var seqs: ClosedRange<Int64>
        var horizon: Int64?
    }

    public init() {}

    /// Whether a hole, or the start, waits to be judged: only then does a scan need to know the
    /// oldest running transaction.
    public var isJudging: Bool { frontier == nil || !holes.isEmpty }

    /// Whether the reader must take a horizon (``setHorizon(_:)``) before its next scan: for the
    /// start, or for holes its last scan saw first.
    public var needsHorizon: Bool {
        (frontier == nil && hasStarted && startHorizon == nil) || holes.contains { $0.horizon == nil }
    }

    /// Starts from `lastDrawn`, the sequence's last drawn value (0 when none was ever drawn).
    public mutating func start(lastDrawn: Int64) {
        hasStarted = true
        scanFrom = lastDrawn
        frontier = lastDrawn == 0 ? 0 : nil
    }

    /// Gives the start and the holes without one the horizon `transactionID`: a transaction id
    /// the reader took after the statements that read them.
    public mutating func setHorizon(_ transactionID: Int64) {
        if frontier == nil, startHorizon == nil { startHorizon = transactionID }
        for index in holes.indices where holes[index].horizon == nil { holes[index].horizon = transactionID }
    }

    /// Takes in a scan from ``scanFrom``; returns the frontier after it (nil while the start is
    /// not final yet).
    @discardableResult
    public mutating func observe(_ scan: Scan) -> Int64? {
        recordHoles(in: scan)
        if frontier == nil {
            guard let horizon = startHorizon, scan.oldestRunning > horizon else {
                // Nothing is readable yet: a reader looks again soon.
                isHolding = true
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
                let hole = holes.first { $0.seqs.contains(position + 1) }
                guard let horizon = hole?.horizon, scan.oldestRunning > horizon else {
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
    /// horizon of the run it lies in (none, when first seen).
    private mutating func recordHoles(in scan: Scan) {
        guard let last = scan.seqs.last else { return }
        var found: [Hole] = []
        var previous = scanFrom
        for seq in scan.seqs where seq > previous {
            if previous + 1 < seq {
                let run = (previous + 1)...(seq - 1)
                let horizon = holes.first { $0.seqs.contains(run.lowerBound) }?.horizon
                found.append(Hole(seqs: run, horizon: horizon))
            }
            previous = seq
        }
        holes = found + holes.filter { $0.seqs.lowerBound > last }
    }
}
