import Foundation
import NIOCore
import NIOFoundationCompat

/// The lines of a streamed response, each decoded as soon as it arrives.
///
/// Nothing is sent until iteration starts; each iteration sends the request again. The server's
/// lines are decoded one by one while the body streams in, so a list of any length is handled in
/// constant memory. An error line anywhere in the body, or a failed status, ends the iteration by
/// throwing ``ClientError/server(status:code:message:details:)``; every error thrown is a
/// ``ClientError``.
public struct NDJSONStream<Element: Sendable>: AsyncSequence, Sendable {
    typealias Opener = @Sendable () async throws(ClientError) -> ResponseChunks
    typealias Decoder = @Sendable (ByteBuffer, JSONDecoder) throws(ClientError) -> Element

    private let open: Opener
    private let decode: Decoder

    init(open: @escaping Opener, decode: @escaping Decoder) {
        self.open = open
        self.decode = decode
    }

    /// Starts reading the response.
    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(open: open, decode: decode)
    }

    /// Reads the whole response and returns its elements, in order.
    public func collect() async throws -> [Element] {
        var elements: [Element] = []
        for try await element in self {
            elements.append(element)
        }
        return elements
    }
}

extension NDJSONStream {
    /// Reads lines from a response body; ``NDJSONStream/next()`` drives it.
    public struct AsyncIterator: AsyncIteratorProtocol {
        private var lines: ResponseLines
        private let decode: Decoder
        private let decoder = JSONDecoder()

        init(open: @escaping Opener, decode: @escaping Decoder) {
            self.lines = ResponseLines(open: open)
            self.decode = decode
        }

        /// The next decoded line, or `nil` once the body has ended.
        public mutating func next() async throws -> Element? {
            guard let line = try await lines.next() else { return nil }
            do {
                return try element(from: line)
            } catch {
                lines.finish()
                throw error
            }
        }

        private func element(from line: ByteBuffer) throws(ClientError) -> Element {
            if ErrorLine.mayBeErrorLine(line.readableBytesView),
                let error = try? decoder.decode(ErrorLine.self, from: line)
            {
                throw .server(
                    status: lines.status, code: error.code, message: error.message,
                    details: error.details)
            }
            return try decode(line, decoder)
        }
    }
}

extension NDJSONStream where Element: Decodable {
    /// A stream that decodes each line as `Element`.
    init(open: @escaping Opener) {
        self.init(open: open) { line, decoder throws(ClientError) in
            do {
                return try decoder.decode(Element.self, from: line)
            } catch {
                throw .badResponse(
                    "a line is not a valid \(Element.self): \(Self.explain(error)) in "
                        + Self.excerpt(line)
                )
            }
        }
    }

    private static func explain(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "\(error)" }
        switch error {
        case .keyNotFound(let key, _): return "'\(key.stringValue)' is missing"
        case .typeMismatch(_, let context), .valueNotFound(_, let context),
            .dataCorrupted(let context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return path.isEmpty
                ? context.debugDescription : "'\(path)': \(context.debugDescription)"
        @unknown default: return "\(error)"
        }
    }

    private static func excerpt(_ line: ByteBuffer) -> String {
        let text = String(buffer: line)
        return text.count > 200 ? String(text.prefix(200)) + "…" : text
    }
}

extension NDJSONStream where Element == String {
    /// A stream that hands out each line's text exactly as the server wrote it.
    init(lines open: @escaping Opener) {
        self.init(open: open) { line, _ in String(buffer: line) }
    }
}
