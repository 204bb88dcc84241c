import Hummingbird
import ServiceLifecycle
import OpslineStore
import Workflow

/// `GET /v1/events?since=&task=&team=&workflow=&type=&follow=true`: event lines with strictly
/// increasing `seq`; with `follow=true` the response stays open, new events are written as they
/// commit, and a heartbeat line goes out whenever nothing else did for `heartbeat`.
///
/// A stream ends, with a final `401 unauthenticated` error line, when its token expires or is
/// revoked, or its user is disabled (`CallerLease`): it is written for the caller its request was
/// authenticated as, and no longer than a new request with the same token would be let in. When
/// a personal token's user joins or leaves teams meanwhile, the stream goes on over the teams
/// the user is in now.
struct EventStreamRoute {
    let events: EventLog
    let signal: EventSignal
    /// Resolves whether a stream's token still authenticates.
    let tokens: TokenStore
    /// Fires when a token is revoked (`NotifyChannel.tokens`); nil: streams end at expiry only.
    var revocations: EventSignal?
    /// The time tokens expire on.
    var clock: OpslineClock = .system
    var heartbeat: Duration = .seconds(15)
    static let pageSize = 500
    /// The query parameters the stream reads.
    static let queryParameters: QueryParameters = ["since", "task", "team", "workflow", "type", "follow"]

    @Sendable func stream(_ request: Request, context: AuthenticatedRequestContext) async throws -> Response {
        let caller = context.caller
        try AccessPolicy.checkRole(caller, .read)
        let query = request.uri.queryParameters
        var filter = EventFilter(scope: AccessPolicy.teamScope(caller))
        filter.task = query["task"].map(String.init)
        filter.team = query["team"].map(String.init)
        filter.workflow = query["workflow"].map(String.init)
        filter.type = query["type"].map(String.init)
        let fromNow = query["since"] == "now"
        // `now`: the last committed seq. Seqs are handed out under the event-log lock, held until
        // commit, so every event still in flight will get a larger one: none is skipped.
        let since = fromNow ? try await events.lastSeq() : try Self.since(query["since"].map(String.init))
        let follow = query["follow"] == "true"
        // The first page is read before the status goes out, so an outage is a proper 503.
        let first = try await events.events(after: since, filter: filter, limit: Self.pageSize)
        // Made now, so that a revocation announced from here on is noticed.
        let lease = CallerLease(caller: caller, tokens: tokens, revocations: revocations, clock: clock)
        let logger = context.logger
        let body = ResponseBody { [self, filter] writer in
            var lease = lease
            // A client starting from `now` learns where that is at once, to resume from it.
            if fromNow { try await writer.write(Self.heartbeatLine(since)) }
            var cursor = try await write(first, since: since, to: &writer)
            do {
                cursor = try await drain(
                    after: cursor, filter: filter, lease: &lease, to: &writer, hasMore: first.count == Self.pageSize)
                if follow { try await followLive(after: cursor, filter: filter, lease: &lease, to: &writer) }
            } catch {
                try await writer.write(NDJSON.buffer(APIError.reporting(error, to: logger).line))
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: [.contentType: NDJSON.contentType], body: body)
    }

    /// Writes pages until the log is exhausted; returns the new cursor. Before each page it
    /// checks that the caller's token still authenticates (throwing 401 once it does not).
    private func drain(
        after cursor: Int64, filter: EventFilter, lease: inout CallerLease, to writer: inout any ResponseBodyWriter,
        hasMore: Bool
    ) async throws -> Int64 {
        var cursor = cursor
        var hasMore = hasMore
        while hasMore {
            try await lease.check()
            let scoped = filter.rescoped(to: AccessPolicy.teamScope(lease.caller))
            let page = try await events.events(after: cursor, filter: scoped, limit: Self.pageSize)
            cursor = try await write(page, since: cursor, to: &writer)
            hasMore = page.count == Self.pageSize
        }
        return cursor
    }

    /// Waits for commits (or the heartbeat interval) and writes what is new, until the client
    /// goes away, the server shuts down (shutdown wakes the wait at once), or the caller's token
    /// expires or is revoked (either wakes the wait too, and `drain` then throws 401).
    private func followLive(
        after cursor: Int64, filter: EventFilter, lease: inout CallerLease, to writer: inout any ResponseBodyWriter
    ) async throws {
        var cursor = cursor
        var heartbeatAt = OpslineClock.system.elapsed + heartbeat
        try await withGracefulShutdownHandler {
            while !Task.isCancelled && !Task.isShuttingDownGracefully {
                // Read the generations before the log: a commit (or revocation) that lands during
                // the read then makes the wait below return at once instead of being missed.
                let generation = signal.generation
                let revocationGeneration = lease.revocationGeneration
                let before = cursor
                cursor = try await drain(after: cursor, filter: filter, lease: &lease, to: &writer, hasMore: true)
                guard cursor == before else { continue }
                await withTaskGroup(of: Void.self) { [signal, lease, heartbeatAt] group in
                    group.addTask { await signal.wait(after: generation, until: heartbeatAt, on: .system) }
                    group.addTask { await lease.wait(afterRevocation: revocationGeneration, until: heartbeatAt) }
                    await group.next()
                    group.cancelAll()
                }
                // Any commit restarts the wait for a heartbeat; a revocation or expiry does not.
                if signal.generation != generation {
                    heartbeatAt = OpslineClock.system.elapsed + heartbeat
                } else if OpslineClock.system.elapsed >= heartbeatAt {
                    try await writer.write(Self.heartbeatLine(cursor))
                    heartbeatAt = OpslineClock.system.elapsed + heartbeat
                }
            }
        } onGracefulShutdown: { [signal] in
            signal.fire()
        }
    }

    private func write(
        _ page: [EventRecord], since cursor: Int64, to writer: inout any ResponseBodyWriter
    ) async throws -> Int64 {
        guard let last = page.last else { return cursor }
        try await writer.write(contentsOf: page.map { NDJSON.buffer(EventLine(event: $0)) })
        return last.seq
    }

    private static func since(_ value: String?) throws -> Int64 {
        guard let value else { return 0 }
        guard let seq = Int64(value), seq >= 0 else {
            throw APIError.badRequest("since must be a non-negative event seq or 'now', not '\(value)'")
        }
        return seq
    }

    /// `{"type":"heartbeat","seq":…}`: nothing new up to `seq`.
    private static func heartbeatLine(_ seq: Int64) -> ByteBuffer {
        NDJSON.buffer(JSONValue.object(["type": "heartbeat", "seq": .int(seq)]))
    }
}
