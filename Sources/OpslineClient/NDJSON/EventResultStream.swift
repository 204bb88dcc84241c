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
        private enum State {
            case idle(Opener)
            case reading(ResponseChunks)
            case finished
        }

        private var state: State
        private let decoder = JSONDecoder()
        private var splitter = NDJSONLineSplitter()
        private var ready: [ByteBuffer] = []
        private var readyIndex = 0
        private var status = 200

        init(open: @escaping Opener) {
            self.state = .idle(open)
        }

        /// The next result, or `nil` once the body has ended.
        public mutating func next() async throws -> EventResult? {
            do {
                while true {
                    if readyIndex < ready.count {
                        readyIndex += 1
                        return try EventResult.decode(
                            ready[readyIndex - 1], responseStatus: status, decoder: decoder)
                    }
                    switch state {
                    case .finished:
                        return nil
                    case .idle(let open):
                        let chunks = try await open()
                        status = chunks.status
                        state = .reading(chunks)
                    case .reading(let chunks):
                        readyIndex = 0
                        if let chunk = try await chunks.next() {
                            ready = try splitter.append(chunk)
                        } else {
                            state = .finished
                            ready = splitter.finish().map { [$0] } ?? []
                        }
                    }
                }
            } catch {
                state = .finished
                ready = []
                throw error
            }
        }
    }
}
