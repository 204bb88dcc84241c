import Hummingbird
import NIOCore

/// One line of a request body with its 1-based number.
struct RequestLine: Sendable {
    let number: Int
    let bytes: ByteBuffer
}

extension Request {
    /// Reads the body as lines, enforcing the API's limits (413 naming the limit) and the
    /// content type (415). Blank lines are skipped but still counted, so numbers match an editor's.
    mutating func ndjsonLines() async throws -> [RequestLine] {
        try checkContentType()
        return try Self.split(try await collectedBody(limit: NDJSON.Limits.bodyBytes))
    }

    /// The single line of a single-object endpoint.
    mutating func singleLine() async throws -> RequestLine {
        let lines = try await ndjsonLines()
        guard lines.count <= 1 else {
            throw APIError.badRequest("this endpoint takes one line; got \(lines.count)")
        }
        return lines.first ?? RequestLine(number: 1, bytes: ByteBuffer(string: "{}"))
    }

    private func checkContentType() throws {
        guard let value = headers[.contentType] else { return }
        let mediaType = value.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        let accepted = [NDJSON.contentType, "application/json", "application/jsonl", "application/x-jsonlines"]
        guard let mediaType, accepted.contains(mediaType) else {
            throw APIError(
                .unsupportedMediaType, code: "unsupported_media_type",
                message: "send \(NDJSON.contentType) (or application/json for one object), not \(value)")
        }
    }

    static func split(_ body: ByteBuffer) throws -> [RequestLine] {
        var lines: [RequestLine] = []
        var number = 0
        for slice in body.readableBytesView.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            number += 1
            var line = ByteBuffer(bytes: slice)
            if line.readableBytesView.last == UInt8(ascii: "\r") { line.moveWriterIndex(to: line.writerIndex - 1) }
            guard line.readableBytesView.contains(where: { !$0.isASCIIWhitespace }) else { continue }
            guard line.readableBytes <= NDJSON.Limits.lineBytes else {
                throw APIError.tooLarge("line \(number) is longer than \(NDJSON.Limits.lineBytes >> 20) MiB")
            }
            lines.append(RequestLine(number: number, bytes: line))
            guard lines.count <= NDJSON.Limits.lines else {
                throw APIError.tooLarge("a batch holds at most \(NDJSON.Limits.lines) lines")
            }
        }
        return lines
    }
}

extension UInt8 {
    fileprivate var isASCIIWhitespace: Bool {
        self == UInt8(ascii: " ") || self == UInt8(ascii: "\t") || self == UInt8(ascii: "\r")
    }
}
