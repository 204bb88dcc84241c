import Hummingbird
import NIOCore

extension Request {
    /// The whole body, once it has arrived.
    /// - Parameter limit: The most bytes accepted; more is `413 too_large` naming the limit.
    /// - Throws: `408 timeout` (with `Connection: close`) when the body does not arrive within the
    ///   server's body deadline (`BodyDeadlineHandler`), so a slow client cannot hold a task.
    func collectedBody(limit: Int) async throws -> ByteBuffer {
        do {
            return try await Self.collect(body, limit: limit)
        } catch let late as BodyDeadlineExceeded {
            throw APIError.bodyTimeout(late.timeout)
        }
    }

    private static func collect(_ source: RequestBody, limit: Int) async throws -> ByteBuffer {
        var body = ByteBuffer()
        for try await chunk in source {
            guard body.readableBytes + chunk.readableBytes <= limit else {
                throw APIError.tooLarge("the body is larger than \(Self.describe(bytes: limit))")
            }
            var chunk = chunk
            body.writeBuffer(&chunk)
        }
        return body
    }

    /// `32 MiB`, `1 MiB`, or a number of bytes.
    private static func describe(bytes: Int) -> String {
        bytes >= 1 << 20 && bytes % (1 << 20) == 0 ? "\(bytes >> 20) MiB" : "\(bytes) bytes"
    }
}

extension APIError {
    /// 408: the body did not arrive within `timeout` of the request's head. The connection is
    /// closed after the answer, since the rest of the body will never be read.
    static func bodyTimeout(_ timeout: TimeAmount) -> APIError {
        let milliseconds = timeout.nanoseconds / 1_000_000
        let time = milliseconds % 1000 == 0 ? "\(milliseconds / 1000) s" : "\(milliseconds) ms"
        return APIError(
            .requestTimeout, code: "timeout", message: "the body did not arrive within \(time)",
            headers: [.connection: "close"])
    }
}
