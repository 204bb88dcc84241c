import NIOCore

/// The lines of a response body as they arrive: sends the request on first use, splits the body's
/// chunks into lines, and reads nothing more after the end or an error.
///
/// The reading half of ``NDJSONStream`` and ``EventResultStream``, which differ only in what a
/// line means.
struct ResponseLines {
    typealias Opener = @Sendable () async throws -> ResponseChunks

    private enum State {
        case idle(Opener)
        case reading(ResponseChunks)
        case finished
    }

    private var state: State
    private var splitter = NDJSONLineSplitter()
    private var ready: [ByteBuffer] = []
    private var readyIndex = 0
    /// The response's HTTP status, once the request was sent.
    private(set) var status = 200

    init(open: @escaping Opener) {
        self.state = .idle(open)
    }

    /// The next line, or `nil` once the body has ended.
    mutating func next() async throws -> ByteBuffer? {
        do {
            while true {
                if readyIndex < ready.count {
                    readyIndex += 1
                    return ready[readyIndex - 1]
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
            finish()
            throw error
        }
    }

    /// Stops reading: later calls return `nil`.
    mutating func finish() {
        state = .finished
        ready = []
        readyIndex = 0
    }
}
