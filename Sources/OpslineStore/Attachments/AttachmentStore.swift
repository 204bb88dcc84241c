import Foundation
import Postgres

/// Reads attached files: an attachment's row, and its content chunk by chunk. Attaching is a
/// command (``TaskCommand/attach(_:)``), run in the command's transaction like any change.
public struct AttachmentStore: Sendable {
    let pool: PostgresPool

    /// Creates a store over `pool`.
    public init(pool: PostgresPool) {
        self.pool = pool
    }

    /// The attachment `id` of task `taskID`; nil when that task has none by that id.
    public func attachment(_ id: UUID, of taskID: String) async throws -> AttachmentRecord? {
        try await pool.withIdempotentStatements { connection in
            try await connection.query(AttachmentSQL.select, [taskID, id]).first.map(AttachmentRecord.init(row:))
        }
    }

    /// The content of `attachment`, a chunk at a time, each read in a short borrow of its own:
    /// a slow client holds no connection while it reads.
    public func content(of attachment: AttachmentRecord) -> AttachmentContent {
        AttachmentContent(pool: pool, id: attachment.id)
    }
}

/// An attachment's bytes, in the chunks they were stored in (``AttachmentStore/content(of:)``).
public struct AttachmentContent: AsyncSequence, Sendable {
    public typealias Element = [UInt8]
    let pool: PostgresPool
    let id: UUID

    public struct AsyncIterator: AsyncIteratorProtocol {
        let pool: PostgresPool
        let id: UUID
        var number = 0
        var ended = false

        public mutating func next() async throws -> [UInt8]? {
            guard !ended else { return nil }
            let (id, number) = (self.id, self.number)
            let chunk = try await pool.withIdempotentStatements { connection in
                try await connection.query(AttachmentSQL.chunk, [id, number]).first?.decode(
                    "data", as: PostgresBytes.self)
            }
            guard let chunk else {
                ended = true
                return nil
            }
            self.number += 1
            return chunk.bytes
        }
    }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(pool: pool, id: id)
    }
}
