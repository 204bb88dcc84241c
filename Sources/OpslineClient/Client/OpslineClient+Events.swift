import AsyncHTTPClient
import Foundation
import NIOCore
import NIOFoundationCompat
import Workflow

extension OpslineClient {
    /// Posts a batch of command lines (`POST /v1/events`), streaming `body` to the server, and
    /// decodes the result lines as they arrive: exactly one per input line, in input order.
    ///
    /// A refused line is a result with a status of 400 or more, not an error: the iteration
    /// throws only when the request as a whole fails (``ClientError``) or `body` throws (its own
    /// error, unchanged). The request is sent when iteration starts.
    /// - Parameters:
    ///   - body: NDJSON command lines, in chunks cut anywhere.
    ///   - atomic: Apply all lines or none: the first refusal rolls the batch back.
    public func postEvents<Body: AsyncSequence & Sendable>(
        body: Body, atomic: Bool = false
    ) -> EventResultStream where Body.Element == ByteBuffer {
        postEvents(.stream(TaggedRequestBody(base: body), length: .unknown), atomic: atomic)
    }

    /// Posts a batch of command lines (`POST /v1/events`) read from chunks of `Data`.
    ///
    /// - Parameters:
    ///   - body: NDJSON command lines, in chunks cut anywhere.
    ///   - atomic: Apply all lines or none.
    public func postEvents<Body: AsyncSequence & Sendable>(
        body: Body, atomic: Bool = false
    ) -> EventResultStream where Body.Element == Data {
        postEvents(body: body.map { ByteBuffer(data: $0) }, atomic: atomic)
    }

    /// Posts command lines held in memory (`POST /v1/events`).
    ///
    /// - Parameters:
    ///   - lines: One command object per line, such as
    ///     `{"op":"transition","task":"CMP-42","transition":"acknowledge"}`.
    ///   - atomic: Apply all lines or none.
    public func postEvents(lines: [JSONValue], atomic: Bool = false) -> EventResultStream {
        let text = lines.map { $0.compactText + "\n" }.joined()
        return postEvents(.bytes(ByteBuffer(string: text)), atomic: atomic)
    }

    /// Follows the event log (`GET /v1/events?follow=true`): the events after `since`, then new
    /// ones as they commit, with a ``EventStreamLine/heartbeat(seq:)`` whenever the server has
    /// had nothing to send for a while (at least every 15 s).
    ///
    /// The stream ends only when the server closes it. ``EventWatcher`` adds reconnection and
    /// dead-connection detection on top. The request is sent when iteration starts.
    /// - Parameters:
    ///   - since: The last `seq` already seen; `nil` starts at the beginning of the log.
    ///   - filter: Which events to send.
    func followEvents(
        since: Int? = nil, fromNow: Bool = false, filter: EventStreamFilter = EventStreamFilter()
    ) -> NDJSONStream<EventStreamLine> {
        let request = ClientRequest.events(since: since, fromNow: fromNow, filter: filter, follow: true)
        return NDJSONStream(
            open: { () async throws(ClientError) in
                try await open(request, deadline: .distantFuture)
            },
            decode: { line, decoder throws(ClientError) in
                try EventStreamLine.decode(line, decoder: decoder)
            })
    }

    /// The events after `since` that match `filter` (`GET /v1/events`), oldest first; the stream
    /// ends with the log's current end.
    ///
    /// - Parameters:
    ///   - since: The last `seq` already seen; `nil` starts at the beginning of the log.
    ///   - filter: Which events to send.
    public func events(
        since: Int?, filter: EventStreamFilter = EventStreamFilter()
    ) -> NDJSONStream<EventLine> {
        stream(.events(since: since, filter: filter, follow: false))
    }

    private func postEvents(_ body: HTTPClientRequest.Body, atomic: Bool) -> EventResultStream {
        let request = ClientRequest.postEvents(atomic: atomic)
        return EventResultStream(open: { try await openUpload(request, body: body) })
    }

    /// Sends `request` with `body` and returns the body of a successful response.
    ///
    /// - Throws: ``ClientError``, or the error `body` threw, unwrapped.
    private func openUpload(
        _ request: ClientRequest, body: HTTPClientRequest.Body
    ) async throws -> ResponseChunks {
        let url = request.url(on: configuration.serverURL)
        var upload = HTTPClientRequest(url: url)
        upload.method = .POST
        upload.headers.add(name: "Accept", value: "application/x-ndjson")
        upload.headers.add(name: "Content-Type", value: "application/x-ndjson")
        upload.headers.add(name: "User-Agent", value: "opsline-client")
        if let token = configuration.token {
            upload.headers.add(name: "Authorization", value: "Bearer \(token)")
        }
        upload.body = body
        let response: HTTPClientResponse
        do {
            response = try await httpClient.execute(upload, deadline: .distantFuture)
        } catch let failure as RequestBodyFailure {
            throw failure.underlying
        } catch {
            throw ConnectionFailure.clientError(error, serverURL: configuration.serverURL)
        }
        let status = Int(response.status.code)
        guard (200..<300).contains(status) else {
            let text = (try? await response.body.collect(upTo: 1024 * 1024)).map { String(buffer: $0) }
            throw ClientError(status: status, body: text ?? "")
        }
        return ResponseChunks(status: status, url: url, chunks: response.body)
    }
}
