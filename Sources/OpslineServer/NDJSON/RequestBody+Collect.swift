import Hummingbird
import NIOCore

extension Request {
    /// The whole body, once it has arrived.
    /// - Parameter limit: The most bytes accepted; more is `413 too_large` naming the limit.
    /// - Throws: `408 timeout` when the body takes longer than `NDJSON.Limits.bodyReadTime`, so a
    ///   slow client cannot hold a task.
    func collectedBody(limit: Int) async throws -> ByteBuffer {
        let body = self.body
        let collected = try await withThrowingTaskGroup(of: ByteBuffer?.self) { group in
            group.addTask { try await Self.collect(body, limit: limit) }
            group.addTask {
                try await Task.sleep(for: NDJSON.Limits.bodyReadTime)
                return nil
            }
            defer { group.cancelAll() }
            return try await group.next() ?? nil
        }
        guard let collected else {
            throw APIError(
                .requestTimeout, code: "timeout",
                message: "the body did not arrive within \(NDJSON.Limits.bodyReadTime.components.seconds) s")
        }
        return collected
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
