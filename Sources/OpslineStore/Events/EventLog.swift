import Postgres

/// Filters for reading the event log; nil means "any".
public struct EventFilter: Sendable, Hashable {
    /// Only events of this task.
    public var task: String?
    /// Only events of this team's tasks.
    public var team: String?
    /// Only events of this workflow's tasks.
    public var workflow: String?
    /// Only events of this type.
    public var type: String?
    /// Only events of tasks this scope sees (the caller's visibility).
    public let scope: TeamScope

    /// No filter but the scope: every event of the tasks `scope` sees.
    public init(scope: TeamScope) {
        self.scope = scope
    }

    /// The same filter over `scope`: a followed stream's caller whose teams changed meanwhile.
    public func rescoped(to scope: TeamScope) -> EventFilter {
        var filter = EventFilter(scope: scope)
        filter.task = task
        filter.team = team
        filter.workflow = workflow
        filter.type = type
        return filter
    }
}

/// Reads the event log in `seq` order, never past the frontier.
///
/// Transactions draw their events' seqs and commit concurrently, in any order; a reader stops at
/// the frontier (``EventFrontierTracker``), below which every event is final. Once a reader has
/// read up to seq N, every event that will ever have a `seq` below N is already visible: reading
/// `seq > cursor` never skips one, and never repeats one.
public struct EventLog: Sendable {
    let pool: PostgresPool
    /// Shared by every copy of this log (one per `OpslineDatabase`).
    let frontier: EventFrontier

    /// Creates a reader over `pool`.
    public init(pool: PostgresPool) {
        self.pool = pool
        self.frontier = EventFrontier(pool: pool)
    }

    /// Up to `limit` events after `cursor`, oldest first, up to the frontier.
    /// - Parameter patience: how long to keep looking while an event in flight holds back ones
    ///   committed after it (at most a few ms unless its transaction stalls): a one-off read waits
    ///   so that what committed just before it is there; a follower, woken by every commit and
    ///   looking again soon while events are held back (``isHoldingBack``), does not.
    public func events(
        after cursor: Int64, filter: EventFilter, limit: Int, patience: Duration = .milliseconds(250)
    ) async throws -> [EventRecord] {
        if patience == .zero {
            // A follower's read: the frontier and the page on one connection, in one borrow,
            // unless another reader is scanning for the frontier (then as below, waiting with no
            // connection held).
            let inline = try await pool.withIdempotentStatements { connection -> [EventRecord]? in
                guard case .scanned(let frontier) = try await frontier.current(ifIdleOn: connection) else { return nil }
                guard let frontier, frontier > cursor else { return [] }
                return try await page(after: cursor, filter: filter, limit: limit, frontier: frontier, on: connection)
            }
            if let inline { return inline }
        }
        guard let frontier = try await frontier.settled(patience: patience), frontier > cursor else { return [] }
        return try await pool.withIdempotentStatements { connection in
            try await page(after: cursor, filter: filter, limit: limit, frontier: frontier, on: connection)
        }
    }

    /// Up to `limit` events after `cursor` up to `frontier`, read in stretches of seqs.
    private func page(
        after cursor: Int64, filter: EventFilter, limit: Int, frontier: Int64, on connection: PostgresConnection
    ) async throws -> [EventRecord] {
        var page: [EventRecord] = []
        var window = SeqWindow(after: cursor, limit: limit, frontier: frontier, byTask: filter.task != nil)
        var lastHeld = 0
        while page.count < limit, let upTo = window.next(lastHeld: lastHeld) {
            let stretch = try await connection.query(
                EventSQL.page,
                [
                    window.start, filter.task, filter.team, filter.workflow, filter.type,
                    filter.scope.visibleTeams, limit - page.count, upTo,
                ]
            ).rows.map(EventRecord.init(row:))
            lastHeld = stretch.count
            page += stretch
        }
        return page
    }

    /// Throws ``EventLogError/pruned(through:)`` when events after `cursor` were pruned: a reader
    /// resuming from it would miss them. Cursor 0 (the whole history) means "from the oldest
    /// event kept", so it is never refused.
    public func checkRetained(after cursor: Int64) async throws {
        guard cursor > 0 else { return }
        let through = try await EventRetention(pool: pool).prunedThrough()
        if cursor < through { throw EventLogError.pruned(through: through) }
    }

    /// Whether the last read left events above the frontier that a hole not yet known final held
    /// back: a follower then looks again soon, as a transaction that rolls back announces nothing.
    public var isHoldingBack: Bool { frontier.isHolding }

    /// The frontier now: where a reader that wants only what commits from now on starts (every
    /// event still in flight will be above it). Waits, up to a few seconds, while transactions
    /// older than this process's first look at the log still run.
    /// - Throws: ``StoreError/unavailable(_:)`` when they run longer.
    public func lastSeq() async throws -> Int64 {
        guard let frontier = try await frontier.settled(patience: .seconds(5)) else {
            throw StoreError.unavailable("the event log's frontier is not known yet: a long transaction is running")
        }
        return frontier
    }
}
