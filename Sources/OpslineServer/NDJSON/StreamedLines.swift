import Hummingbird
import Logging

/// Responses made of lines.
enum StreamedLines {
    /// One line.
    static func single(_ line: some Encodable, status: HTTPResponse.Status) -> Response {
        Response(
            status: status, headers: [.contentType: NDJSON.contentType], body: .init(byteBuffer: NDJSON.buffer(line)))
    }

    /// Streams `sequence` as lines, writing each as it arrives from PostgreSQL.
    ///
    /// The first element is fetched before the status is sent, so a database that is down
    /// still gets a proper 503. A failure after that can only end the stream: it is reported
    /// as a final error line (a 500 logged under the request's id, `APIError.reporting(_:to:)`).
    /// - Parameter logger: The request's logger (`context.logger`).
    static func response<Elements: AsyncSequence & Sendable, Line: Encodable & Sendable>(
        _ sequence: Elements, logger: Logger,
        line: @escaping @Sendable (Elements.Element) -> Line
    ) async throws -> Response where Elements.AsyncIterator: Sendable, Elements.Element: Sendable {
        var iterator = sequence.makeAsyncIterator()
        let first = try await iterator.next()
        let body = ResponseBody { [iterator] writer in
            var iterator = iterator
            if let first { try await writer.write(NDJSON.buffer(line(first))) }
            do {
                while let element = try await iterator.next() {
                    try await writer.write(NDJSON.buffer(line(element)))
                }
            } catch {
                try await writer.write(NDJSON.buffer(APIError.reporting(error, to: logger).line))
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: [.contentType: NDJSON.contentType], body: body)
    }
}
