import Postgres
import Synchronization

/// How far the event log may be read without ever skipping an event that commits later: the
/// ``EventFrontierTracker``'s frontier, kept up to date by scanning the log's seqs.
///
/// One per process, shared by every reader of the log. Readers that ask at the same time share
/// one scan, and a reader always gets the result of a scan that started after it asked, so that
/// what committed before the question (a client's own command, answered after `COMMIT`) is seen
/// unless an older transaction's event is still in flight below it.
final class EventFrontier: Sendable {
    private let pool: PostgresPool
    /// The most seqs one scan reads; a longer backlog takes several scans in a row.
    private let scanLimit: Int
    private let tracker = Mutex(EventFrontierTracker())
    /// The oldest transaction id of this database still running, as last read — after the last
    /// scan's snapshot and after the latest horizon, so that it may judge the next scan
    /// (`Int64.min` before any reading: not known).
    private let oldestBeforeNextScan = Mutex(Int64.min)
    private let demand = Mutex(Demand())

    private struct Demand {
        /// How many scans have started.
        var started: UInt64 = 0
        /// Readers waiting, each with the number of scans that had started when it asked.
        var waiters: [(startedBefore: UInt64, continuation: CheckedContinuation<Int64?, any Error>)] = []
        var scanning = false
    }

    init(pool: PostgresPool, scanLimit: Int = 10_000) {
        self.pool = pool
        self.scanLimit = scanLimit
    }

    /// Whether events above the frontier were visible but held back at the last scan, behind a
    /// hole not yet known final: a follower then looks again soon rather than wait for a
    /// notification, which a rolled-back transaction never sends.
    var isHolding: Bool { tracker.withLock { $0.isHolding } }

    /// The frontier after a scan that started after this call; nil while the starting point is
    /// not yet known final (other transactions older than the reader's first look still run).
    func current() async throws -> Int64? {
        try await withCheckedThrowingContinuation { continuation in
            let startScanning = demand.withLock { demand -> Bool in
                demand.waiters.append((demand.started, continuation))
                defer { demand.scanning = true }
                return !demand.scanning
            }
            if startScanning { Task { await self.scanForWaiters() } }
        }
    }

    /// The frontier, looking again a few times over `patience` while a hole holds events back
    /// or the start is not final: what a one-off read uses, so that an event committed just
    /// before it behind another in flight is not left for the next read.
    func settled(patience: Duration = .milliseconds(250)) async throws -> Int64? {
        var frontier = try await current()
        var pause = Duration.milliseconds(1)
        var waited = Duration.zero
        while frontier == nil || isHolding, waited < patience {
            try await Task.sleep(for: pause)
            waited += pause
            pause = min(pause * 2, .milliseconds(32))
            frontier = try await current()
        }
        return frontier
    }

    /// Runs scans while readers wait; each scan answers those that asked before it started.
    private func scanForWaiters() async {
        while true {
            let number: UInt64? = demand.withLock { demand in
                guard !demand.waiters.isEmpty else {
                    demand.scanning = false
                    return nil
                }
                demand.started += 1
                return demand.started
            }
            guard let number else { return }
            let result: Result<Int64?, any Error>
            do {
                result = .success(try await scan())
            } catch {
                result = .failure(error)
            }
            let answered = demand.withLock { demand in
                let answered = demand.waiters.filter { $0.startedBefore < number }
                demand.waiters.removeAll { $0.startedBefore < number }
                return answered
            }
            for waiter in answered { waiter.continuation.resume(with: result) }
        }
    }

    /// What ``current(ifIdleOn:)`` found.
    enum InlineScan {
        /// Another reader's scan is under way: wait for the next one with ``current()``, after
        /// giving the connection back.
        case busy
        /// The frontier after a scan on the caller's connection (nil: not known yet).
        case scanned(Int64?)
    }

    /// ``current()``, scanning on `connection` — unless a scan is under way, which this never
    /// waits for: a reader holding a connection while it waits for a scan that needs one could,
    /// with enough followers, hold every connection of the pool (followers all waiting, the scan
    /// waiting for a connection). Scanning on the caller's connection, in its task, saves waking
    /// a scanning task that borrows a connection of its own and then wakes the caller: on a busy
    /// machine each such hop waits for a core, and a follower woken by a commit made several
    /// before its page went out.
    ///
    /// Readers that asked meanwhile get this scan's result when they asked before it started;
    /// the rest are left to the scanning task, as ``current()`` leaves them.
    func current(ifIdleOn connection: PostgresConnection) async throws -> InlineScan {
        let number: UInt64? = demand.withLock { demand in
            guard !demand.scanning else { return nil }
            demand.scanning = true
            demand.started += 1
            return demand.started
        }
        guard let number else { return .busy }
        let result: Result<Int64?, any Error>
        do {
            result = .success(try await scan(on: connection))
        } catch {
            result = .failure(error)
        }
        // A failed scan (this reader cancelled, its connection lost) is this reader's to handle
        // (a borrow retries on another connection): the others get a scan of their own.
        var failed = false
        if case .failure = result { failed = true }
        let (answered, more) = demand.withLock { demand in
            let answered = failed ? [] : demand.waiters.filter { $0.startedBefore < number }
            if !failed { demand.waiters.removeAll { $0.startedBefore < number } }
            if demand.waiters.isEmpty { demand.scanning = false }
            return (answered, !demand.waiters.isEmpty)
        }
        for waiter in answered { waiter.continuation.resume(with: result) }
        if more { Task { await self.scanForWaiters() } }
        return .scanned(try result.get())
    }

    /// Reads the log's seqs above the frontier on a connection of its own.
    private func scan() async throws -> Int64? {
        try await pool.withIdempotentStatements { [self] connection in try await scan(on: connection) }
    }

    /// Reads the log's seqs above the frontier (starting the tracker first when needed) until a
    /// scan comes back short of its limit.
    private func scan(on connection: PostgresConnection) async throws -> Int64? {
        if !tracker.withLock({ $0.hasStarted }) {
            let row = try await connection.query(EventSQL.lastDrawnSeq).first
            let lastDrawn = try row?.decode("seq", as: Int64?.self) ?? 0
            tracker.withLock { $0.start(lastDrawn: lastDrawn) }
        }
        while true {
            try await takeHorizonIfNeeded(on: connection)
            let (from, judging) = tracker.withLock { ($0.scanFrom, $0.isJudging) }
            let rows = try await connection.query(EventSQL.scanSeqs, [from, scanLimit, judging]).rows
            guard let first = rows.first else { return tracker.withLock { $0.frontier } }
            // The oldest running transaction read by the previous scan, after its snapshot:
            // before this scan's snapshot, as the tracker needs.
            // Not read (nothing to judge): the last reading stays, still taken after every
            // horizon and before this snapshot.
            let scan = EventFrontierTracker.Scan(
                oldestRunning: oldestBeforeNextScan.withLock { $0 },
                seqs: try rows.compactMap { try $0.decode("seq", as: Int64?.self) })
            if judging {
                let oldest = try first.decode("oldest", as: Int64?.self) ?? Int64.max
                oldestBeforeNextScan.withLock { $0 = oldest }
            }
            let (frontier, holding) = tracker.withLock { ($0.observe(scan), $0.isHolding) }
            if frontier == nil || holding || scan.seqs.count < scanLimit {
                // Holes seen first here get their horizon now, to be judged at the next scan.
                try await takeHorizonIfNeeded(on: connection)
                return frontier
            }
        }
    }

    /// Takes a transaction id as the horizon of the start or of holes just seen, when they need one.
    private func takeHorizonIfNeeded(on connection: PostgresConnection) async throws {
        guard tracker.withLock({ $0.needsHorizon }) else { return }
        guard let row = try await connection.query(EventSQL.horizon).first else { return }
        let horizon = try row.decode("xid", as: Int64.self)
        tracker.withLock { $0.setHorizon(horizon) }
        // A reading from before the horizon must never judge the holes it bounds: the owner of
        // one may have taken its id after that reading.
        let oldest = try row.decode("oldest", as: Int64?.self) ?? Int64.max
        oldestBeforeNextScan.withLock { $0 = oldest }
    }
}
