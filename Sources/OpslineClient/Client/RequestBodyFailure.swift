import NIOCore

/// An error the caller's request body threw while it was being sent.
///
/// The HTTP client fails the request with whatever the body throws; wrapping the body's errors
/// in this type lets ``OpslineClient`` hand them back unchanged instead of calling them a
/// connection failure.
struct RequestBodyFailure: Error {
    /// What the body threw.
    let underlying: any Error
}

/// A request body whose errors come out wrapped in ``RequestBodyFailure``.
struct TaggedRequestBody<Base: AsyncSequence & Sendable>: AsyncSequence, Sendable
where Base.Element == ByteBuffer {
    /// The caller's body.
    let base: Base

    /// Starts reading the caller's body.
    func makeAsyncIterator() -> Iterator {
        Iterator(base: base.makeAsyncIterator())
    }

    /// Reads the caller's body, wrapping what it throws.
    struct Iterator: AsyncIteratorProtocol {
        var base: Base.AsyncIterator

        /// The body's next chunk, or `nil` at its end.
        mutating func next() async throws -> ByteBuffer? {
            do {
                return try await base.next()
            } catch {
                throw RequestBodyFailure(underlying: error)
            }
        }
    }
}
