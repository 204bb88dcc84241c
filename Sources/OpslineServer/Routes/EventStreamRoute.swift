import Hummingbird
import ServiceLifecycle
import OpslineStore
import Workflow

/// `GET /v1/events?since=&task=&team=&workflow=&type=&limit=&follow=true`: event lines with
/// strictly increasing `seq`, to the end of the log or `limit` lines; with `follow=true` the
/// response stays open, new events are written as they commit, and a heartbeat line goes out
/// whenever nothing else did for `heartbeat`.
///
/// When the server shuts down, a followed stream ends with a final `unavailable` error line
/// naming the `since` to reconnect with.
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
    /// Where followed streams note how far they have read (`/metrics`).
    var followers: FollowerBook? = nil
    static let pageSize = 500
    /// The query parameters the stream reads.
    static let queryParameters: QueryParameters = ["since", "task", "team", "workflow", "type", "limit", "follow"]

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
        // `now`: the log's frontier, above which every event still in flight will be: none is
        // skipped.
        let since = fromNow ? try await events.lastSeq() : try Self.since(query["since"].map(String.init))
        let follow = query["follow"] == "true"
        // A page of the log: a client that reads the log in pages (a `limit` a request) asks for
        // no more than it reads, where a stream to the head of a long log would go on after it.
        let limit = try QueryValues(request).limit()
        if limit != nil && follow {
            throw QueryValues.bad("limit", "limit ends a stream after that many events; a followed stream has no end")
        }
        // A cursor below what retention pruned would silently skip the pruned events: 410.
        if !fromNow { try await events.checkRetained(after: since) }
        // The first page is read before the status goes out, so an outage is a proper 503.
        let firstLimit = min(Self.pageSize, limit ?? .max)
        let first = try await events.events(after: since, filter: filter, limit: firstLimit)
        let remaining = limit.map { $0 - first.count }
        // Made now, so that a revocation announced from here on is noticed.
        let lease = CallerLease(caller: caller, tokens: tokens, revocations: revocations, clock: clock)
        let logger = context.logger
        let format = NDJSONEventFormat()
        let body = ResponseBody { [self, filter] writer in
            var lease = lease
            // A client starting from `now` learns where that is at once, to resume from it.
            if fromNow { try await writer.write(format.heartbeat(since)) }
            if !first.isEmpty { try await writer.write(contentsOf: format.encode(first)) }
            var cursor = first.last?.seq ?? since
            do {
                cursor = try await follower.drain(
                    after: cursor, filter: filter, lease: &lease, format: format, to: &writer,
                    hasMore: first.count == firstLimit && remaining != 0, remaining: remaining)
                if follow {
                    cursor = try await follower.follow(
                        after: cursor, filter: filter, lease: &lease, format: format, to: &writer)
                    // The server is draining (SIGTERM): say so, and where to resume, so that the
                    // client reconnects — to another replica — rather than wait for more.
                    if Task.isShuttingDownGracefully {
                        try await writer.write(NDJSON.buffer(Self.shuttingDown(resumeAfter: cursor).line))
                    }
                }
            } catch {
                try await writer.write(NDJSON.buffer(APIError.reporting(error, to: logger).line))
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: [.contentType: NDJSON.contentType], body: body)
    }

    /// The final line of a followed stream the server ends because it shuts down.
    static func shuttingDown(resumeAfter seq: Int64) -> APIError {
        .shuttingDown("the server is shutting down; reconnect with since=\(seq)")
    }

    private var follower: EventFollower {
        EventFollower(
            events: events, signal: signal, heartbeat: heartbeat, pageSize: Self.pageSize, followers: followers)
    }

    private static func since(_ value: String?) throws -> Int64 {
        guard let value else { return 0 }
        guard let seq = Int64(value), seq >= 0 else {
            throw APIError.badRequest("since must be a non-negative event seq or 'now', not '\(value)'")
        }
        return seq
    }
}

/// The API's stream: an ``EventLine`` per event, and `{"type":"heartbeat","seq":…}`.
struct NDJSONEventFormat: EventStreamFormat {
    /// The page as one buffer: one write for the page, not one per event.
    func encode(_ events: [EventRecord]) -> [ByteBuffer] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(256 * events.count)
        for event in events {
            EventLine(event: event).write(to: &bytes)
            bytes.append(UInt8(ascii: "\n"))
        }
        return [ByteBuffer(bytes: bytes)]
    }

    func heartbeat(_ seq: Int64) -> ByteBuffer {
        NDJSON.buffer(JSONValue.object(["type": "heartbeat", "seq": .int(seq)]))
    }
}
