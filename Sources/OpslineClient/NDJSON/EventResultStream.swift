import Foundation
import NIOCore

/// The result lines of `POST /v1/events`, each decoded as soon as it arrives.
///
/// Unlike ``NDJSONStream``, a line holding an `error` member is not a failure of the stream: it
/// is one refused command line among others, reported as an ``EventResult``. Only a failed
/// status, an error line without a `line` member, or a broken connection end the iteration, with
/// a ``ClientError`` (or the error the request body's own sequence threw).
///
/// Nothing is sent until iteration starts, and each iteration sends the request again: a body
/// that can be read only once (standard input, say) can be iterated only once.
public struct EventResultStream: AsyncSequence, Sendable {
    typealias Opener = @Sendable () async throws -> ResponseChunks

    private let open: Opener

    init(open: @escaping Opener) {
        self.open = open
    }

    /// Starts sending the request.
    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(open: open)
    }

    /// Reads the whole response and returns its results, in order.
    public func collect() async throws -> [EventResult] {
        var results: [EventResult] = []
        for try await result in self {
            results.append(result)
        }
        return results
    }
}

extension EventResultStream {
    /// Reads result lines from the response body; ``EventResultStream/next()`` drives it.
    public struct AsyncIterator: AsyncIteratorProtocol {
        private var lines: ResponseLines
        private let decoder = JSONDecoder()

        init(open: @escaping Opener) {
            self.lines = ResponseLines(open: open)
        }

        /// The next result, or `nil` once the body has ended.
        public mutating func next() async throws -> EventResult? {
            guard let line = try await lines.next() else { return nil }
            do {
                return try EventResult.decode(line, responseStatus: lines.status, decoder: decoder)
            } catch {
                lines.finish()
                throw error
            }
        }
    }
}
