import HTTPTypes
import Hummingbird
import OpslineStore
import ServiceLifecycle

/// `GET /ui/events?after=SEQ`: the dashboard's live updates, as Server-Sent Events
/// (``ServerSentEventFormat``), for the signed-in session.
///
/// A page renders with the event log's last seq read before its data (`data-live-after`) and
/// opens this stream after it, so no change between the two is lost. A dropped connection is
/// resumed by the browser itself: `EventSource` reconnects after the `retry:` interval and sends
/// the last `id:` it saw as `Last-Event-ID`, which wins over `after`; the stream goes on from
/// there, nothing missed and nothing twice. The stream carries only events of tasks the session
/// sees now (its teams are read again when memberships change), and ends with an `ended` event
/// when the session does (``SessionLease``), or with a `shutdown` event when the server shuts
/// down (the browser then reconnects, as after a dropped connection).
struct LiveEventsRoute {
    let events: EventLog
    let signal: EventSignal
    let sessions: SessionStore
    var revocations: EventSignal?
    var clock: OpslineClock
    var heartbeat: Duration
    /// How soon a browser reconnects after the connection dropped.
    static let retry: Duration = .seconds(1)
    static let pageSize = 500
    /// The header `EventSource` resumes with.
    static let lastEventID = HTTPField.Name("Last-Event-ID")!

    @Sendable func stream(_ request: Request, context: SignedInRequestContext) async throws -> Response {
        guard let secret = request.cookies[SessionCookie.session]?.value else {
            throw PageError.forbidden("Sign in first.")
        }
        let explicit = try Self.cursor(request)
        let after: Int64
        if let explicit { after = explicit } else { after = try await events.lastSeq() }
        let lease = SessionLease(
            session: context.session, secret: SessionSecret(secret), sessions: sessions, revocations: revocations,
            clock: clock)
        let filter = EventFilter(scope: AccessPolicy.teamScope(context.caller))
        let follower = EventFollower(events: events, signal: signal, heartbeat: heartbeat, pageSize: Self.pageSize)
        let format = ServerSentEventFormat()
        let logger = context.logger
        let body = ResponseBody { writer in
            var lease = lease
            try await writer.write(format.opening(retry: Self.retry))
            // A stream that starts from now says where that is at once, so that a reconnect
            // before any change resumes from here rather than from a newer "now".
            if explicit == nil { try await writer.write(format.heartbeat(after)) }
            do {
                let cursor = try await follower.drain(
                    after: after, filter: filter, lease: &lease, format: format, to: &writer)
                let last = try await follower.follow(
                    after: cursor, filter: filter, lease: &lease, format: format, to: &writer)
                // The server is draining: say so; the browser reconnects after `retry:` (to
                // another replica) and resumes after `last`.
                if Task.isShuttingDownGracefully { try await writer.write(format.shuttingDown(last)) }
            } catch is SessionEnded {
                try await writer.write(format.ending("signed out"))
            } catch {
                // The browser reconnects and resumes; the reason is for the log.
                _ = APIError.reporting(error, to: logger)
            }
            try await writer.finish(nil)
        }
        return Response(
            status: .ok,
            headers: [
                .contentType: "text/event-stream; charset=utf-8", .cacheControl: "no-store",
                HTTPField.Name("X-Accel-Buffering")!: "no",
            ],
            body: body)
    }

    /// Where to start: `Last-Event-ID` (a reconnect), else `after`, else nil (from now).
    static func cursor(_ request: Request) throws -> Int64? {
        let text = request.headers[lastEventID] ?? request.uri.queryParameters["after"].map(String.init)
        guard let text else { return nil }
        guard let seq = Int64(text), seq >= 0 else {
            throw PageError.badRequest("after must be an event seq (a non-negative whole number), not '\(text)'.")
        }
        return seq
    }
}
