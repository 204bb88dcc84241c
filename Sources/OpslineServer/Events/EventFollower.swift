import Hummingbird
import OpslineStore
import ServiceLifecycle

/// How a followed stream writes what it reads: a page of events, and a heartbeat saying nothing
/// new happened up to a position. The API writes NDJSON lines (``EventStreamRoute``), the
/// dashboard Server-Sent Events (``LiveEventsRoute``).
protocol EventStreamFormat: Sendable {
    /// The bytes for `events`, in order (never empty).
    func encode(_ events: [EventRecord]) -> [ByteBuffer]
    /// The bytes saying nothing the reader sees happened up to `seq`.
    func heartbeat(_ seq: Int64) -> ByteBuffer
}

/// Reads the event log page by page for one caller, and follows it as commits arrive: the loop
/// the API's followed stream and the dashboard's live updates share.
///
/// Before each page it checks the caller's lease (throwing once the credential no longer
/// authenticates) and reads over the teams the caller is in now. Between commits it waits on
/// the event signal, the lease's revocations and the heartbeat interval, whichever is first.
struct EventFollower: Sendable {
    let events: EventLog
    let signal: EventSignal
    let heartbeat: Duration
    let pageSize: Int
    /// Where a followed stream notes how far it has read, for `/metrics`.
    var followers: FollowerBook? = nil
    /// How soon a follower looks again while the log holds events back (``EventLog/isHoldingBack``).
    static let recheck = Duration.milliseconds(5)

    /// How many times `pageSize` a page may grow to while the follower is behind.
    static let catchUpFactor = 8

    /// Writes pages after `cursor` until the log is exhausted, or `remaining` more events were
    /// written (nil: no limit); returns the new cursor.
    ///
    /// Each full page doubles the next one, up to ``catchUpFactor`` times `pageSize`: a page
    /// costs a few hops between threads besides its reading and writing, and on a busy machine
    /// each hop waits for a core, so a follower that fell behind at a fixed page size could only
    /// keep pace, never catch up.
    func drain<Lease: StreamLease>(
        after cursor: Int64, filter: EventFilter, lease: inout Lease, format: some EventStreamFormat,
        to writer: inout any ResponseBodyWriter, hasMore: Bool = true, remaining: Int? = nil
    ) async throws -> Int64 {
        var cursor = cursor
        var hasMore = hasMore
        var limit = pageSize
        var remaining = remaining
        while hasMore {
            try await lease.check()
            let scoped = filter.rescoped(to: AccessPolicy.teamScope(lease.caller))
            let pageLimit = min(limit, remaining ?? .max)
            // No patience: a commit wakes the follower anyway, and events held back behind one
            // still in flight are looked for again soon (`follow`).
            let page = try await events.events(after: cursor, filter: scoped, limit: pageLimit, patience: .zero)
            if let last = page.last {
                try await writer.write(contentsOf: format.encode(page))
                cursor = last.seq
            }
            remaining = remaining.map { $0 - page.count }
            hasMore = page.count == pageLimit && remaining != 0
            if hasMore { limit = min(limit * 2, pageSize * Self.catchUpFactor) }
        }
        return cursor
    }

    /// Waits for commits (or the heartbeat interval) and writes what is new, until the client
    /// goes away, the server shuts down (shutdown wakes the wait at once), or the lease ends
    /// (a revocation or expiry wakes the wait too, and ``drain`` then throws). Returns the cursor
    /// it got to: the `seq` a reader resumes from, for the final line after a shutdown.
    @discardableResult
    func follow<Lease: StreamLease>(
        after cursor: Int64, filter: EventFilter, lease: inout Lease, format: some EventStreamFormat,
        to writer: inout any ResponseBodyWriter
    ) async throws -> Int64 {
        var cursor = cursor
        var heartbeatAt = OpslineClock.system.elapsed + heartbeat
        // Behind until the first read below: the generation before any.
        let entry = followers?.register(position: cursor, generation: 0)
        defer { if let entry { followers?.remove(entry) } }
        try await withGracefulShutdownHandler {
            while !Task.isCancelled && !Task.isShuttingDownGracefully {
                // Read the generations before the log: a commit (or revocation) that lands during
                // the read then makes the wait below return at once instead of being missed.
                let generation = signal.generation
                let revocationGeneration = lease.revocationGeneration
                let before = cursor
                cursor = try await drain(after: cursor, filter: filter, lease: &lease, format: format, to: &writer)
                if let entry { followers?.update(entry, position: cursor, generation: generation) }
                guard cursor == before else { continue }
                // Events held back behind one whose transaction may have rolled back, which no
                // notification announces: look again soon.
                let wakeAt =
                    events.isHoldingBack ? min(heartbeatAt, OpslineClock.system.elapsed + Self.recheck) : heartbeatAt
                await withTaskGroup(of: Void.self) { [signal, lease] group in
                    group.addTask { await signal.wait(after: generation, until: wakeAt, on: .system) }
                    group.addTask { await lease.wait(afterRevocation: revocationGeneration, until: wakeAt) }
                    await group.next()
                    group.cancelAll()
                }
                // Any commit restarts the wait for a heartbeat; a revocation or expiry does not.
                if signal.generation != generation {
                    heartbeatAt = OpslineClock.system.elapsed + heartbeat
                } else if OpslineClock.system.elapsed >= heartbeatAt {
                    try await writer.write(format.heartbeat(cursor))
                    heartbeatAt = OpslineClock.system.elapsed + heartbeat
                }
            }
        } onGracefulShutdown: { [signal] in
            signal.fire()
        }
        return cursor
    }
}
