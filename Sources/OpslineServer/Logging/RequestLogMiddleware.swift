import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import Postgres
import Synchronization

/// Outermost on the root router: names every request and logs it once it is answered.
///
/// - The request's id is the client's `X-Request-Id` when it is 1–128 characters from
///   `[A-Za-z0-9._:-]`, otherwise one Hummingbird generated; it is returned in `X-Request-Id` on
///   every response, logged with every entry of the request (`request_id`), and named in the
///   text of every PostgreSQL statement the request sends (``PostgresRequestTag``), including
///   those of a streamed body.
/// - One access log entry (`request`) per request, written when the last byte of the response
///   went out, so a followed stream is logged when it ends: method, route template (never the
///   raw path or query, which may carry ids and values), status, duration in milliseconds,
///   response bytes, the caller's name once authenticated, and the id. Being outermost, it sees
///   the status of every error, including the pages and lines inner middleware make of them.
struct RequestLogMiddleware: RouterMiddleware {
    typealias Context = OpslineRequestContext

    /// The header a request's id travels in, both ways.
    static let requestIDHeader = HTTPField.Name("X-Request-Id")!

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let started = ContinuousClock.now
        var context = context
        let tag = Self.tag(for: request, generated: context.logger[metadataKey: LogLine.hummingbirdRequestID])
        context.logger[metadataKey: LogLine.hummingbirdRequestID] = .string(tag.id)
        let entry = AccessEntry(
            method: request.method.rawValue, started: started, caller: context.requestCaller, logger: context.logger)
        var response: Response
        do {
            response = try await PostgresRequestTag.$current.withValue(tag) { try await next(request, context) }
        } catch let error as any HTTPResponseError {
            response = try error.response(from: request, context: context)
        } catch {
            // Not an answer of ours (a connection that broke mid-request): Hummingbird gives up
            // on it with a 500.
            entry.log(route: context.endpointPath, status: 500, bytes: 0, completed: false)
            throw error
        }
        response.headers[Self.requestIDHeader] = tag.id
        let (route, status, body) = (context.endpointPath, response.status.code, response.body)
        response.body = ResponseBody(contentLength: body.contentLength) { writer in
            let counter = ByteCounter()
            do {
                try await PostgresRequestTag.$current.withValue(tag) {
                    try await body.write(CountingBodyWriter(parent: writer, counter: counter))
                }
            } catch {
                entry.log(route: route, status: status, bytes: counter.count, completed: false)
                throw error
            }
            entry.log(route: route, status: status, bytes: counter.count, completed: true)
        }
        return response
    }

    /// The client's id when it is acceptable, else the one Hummingbird generated (or a new one).
    static func tag(for request: Request, generated: Logger.Metadata.Value?) -> PostgresRequestTag {
        if let given = request.headers[requestIDHeader], let tag = PostgresRequestTag(given) { return tag }
        if let generated, let tag = PostgresRequestTag(generated.description) { return tag }
        return PostgresRequestTag(RequestID().description)!
    }
}

/// What the access log line of one request says, gathered as the request goes.
private struct AccessEntry: Sendable {
    let method: String
    let started: ContinuousClock.Instant
    let caller: RequestCaller
    let logger: Logger

    func log(route: String?, status: Int, bytes: Int, completed: Bool) {
        let elapsed = (ContinuousClock.now - started).components
        let milliseconds = (Double(elapsed.seconds) * 1000 + Double(elapsed.attoseconds) / 1e15)
        var metadata: Logger.Metadata = [
            "method": .string(method), "status": .stringConvertible(status),
            "duration_ms": .stringConvertible((milliseconds * 1000).rounded() / 1000),
            "bytes": .stringConvertible(bytes),
        ]
        if let route { metadata["route"] = .string(route) }
        if let name = caller.name { metadata["caller"] = .string(name) }
        if !completed { metadata["completed"] = .stringConvertible(false) }
        logger.info("request", metadata: metadata)
    }
}

/// Counts the bytes of a response body as they are written.
private final class ByteCounter: Sendable {
    private let total = Atomic<Int>(0)

    var count: Int { total.load(ordering: .relaxed) }

    func add(_ bytes: Int) {
        _ = total.add(bytes, ordering: .relaxed)
    }
}

/// Passes a body through to `parent`, counting its bytes.
private struct CountingBodyWriter: ResponseBodyWriter {
    var parent: any ResponseBodyWriter
    let counter: ByteCounter

    mutating func write(_ buffer: ByteBuffer) async throws {
        counter.add(buffer.readableBytes)
        try await parent.write(buffer)
    }

    mutating func write(contentsOf buffers: some Sequence<ByteBuffer>) async throws {
        for buffer in buffers { counter.add(buffer.readableBytes) }
        try await parent.write(contentsOf: buffers)
    }

    consuming func finish(_ trailingHeaders: HTTPFields?) async throws {
        try await parent.finish(trailingHeaders)
    }
}
