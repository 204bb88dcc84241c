import NIOCore

/// The body of a successful response, read one chunk at a time.
///
/// Erases the body's sequence type so ``NDJSONStream`` can read a real response or, in tests,
/// any sequence of buffers.
struct ResponseChunks {
    /// The response's HTTP status, reported with an error line that arrives mid-stream.
    let status: Int
    /// The URL the body comes from, named when the connection breaks.
    let url: String
    /// The response's headers, names in lower case (a repeated name keeps its last value).
    let headers: [String: String]
    private let nextChunk: () async throws -> ByteBuffer?

    init<Chunks: AsyncSequence>(status: Int, url: String, chunks: Chunks, headers: [String: String] = [:])
    where Chunks.Element == ByteBuffer {
        self.status = status
        self.url = url
        self.headers = headers
        var iterator = chunks.makeAsyncIterator()
        self.nextChunk = { try await iterator.next() }
    }

    /// The next chunk, or `nil` at the end of the body.
    ///
    /// - Throws: ``ClientError/connection(_:)`` when the body cannot be read to its end.
    func next() async throws(ClientError) -> ByteBuffer? {
        do {
            return try await nextChunk()
        } catch let error as ClientError {
            throw error
        } catch {
            throw .connection("the connection to \(url) broke while reading the response: \(error)")
        }
    }
}
