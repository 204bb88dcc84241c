import Crypto
import Foundation
import Hummingbird
import NIOCore

/// An uploaded file's body, written to a temporary file as it arrives (never held in memory
/// whole), counted and hashed on the way. The command that attaches it runs once it is all there,
/// so a slow upload holds no database connection.
struct SpooledUpload: Sendable {
    /// The temporary file (readable by this process only); ``remove()`` deletes it.
    let file: URL
    /// Bytes received.
    let size: Int64
    /// Lower-case hex of the content's SHA-256.
    let sha256: String
    /// The first bytes, for ``AttachmentTypes/check(_:as:isWholeFile:)``.
    let head: [UInt8]

    /// How many of the first bytes are kept in ``head``.
    static let headSize = 512

    /// Receives `body` into a new temporary file.
    /// - Throws: 413 `too_large` once more than `limit` bytes arrived (the file is removed),
    ///   408 when the body is slow to arrive, 400 for an empty body.
    static func receive(_ body: RequestBody, limit: Int64) async throws -> SpooledUpload {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("opsline-upload-\(UUID().uuidString)")
        guard FileManager.default.createFile(atPath: file.path, contents: nil, attributes: [.posixPermissions: 0o600])
        else { throw APIError.internalError }
        do {
            let spooled = try await write(body, to: file, limit: limit)
            guard spooled.size > 0 else { throw APIError.badRequest("the file is empty: send its content as the body") }
            return spooled
        } catch let late as BodyDeadlineExceeded {
            try? FileManager.default.removeItem(at: file)
            throw APIError.bodyTimeout(late.timeout)
        } catch {
            try? FileManager.default.removeItem(at: file)
            throw error
        }
    }

    private static func write(_ body: RequestBody, to file: URL, limit: Int64) async throws -> SpooledUpload {
        let handle = try FileHandle(forWritingTo: file)
        defer { try? handle.close() }
        var hasher = SHA256()
        var size: Int64 = 0
        var head: [UInt8] = []
        for try await buffer in body {
            size += Int64(buffer.readableBytes)
            guard size <= limit else {
                throw APIError.tooLarge("a file may be at most \(AttachmentLimits.describe(bytes: limit))")
            }
            buffer.withUnsafeReadableBytes { hasher.update(bufferPointer: $0) }
            if head.count < headSize { head += buffer.readableBytesView.prefix(headSize - head.count) }
            try handle.write(contentsOf: buffer.readableBytesView)
        }
        let digest = hasher.finalize().map { String(format: "%02x", $0) }.joined()
        return SpooledUpload(file: file, size: size, sha256: digest, head: head)
    }

    /// Deletes the temporary file.
    func remove() {
        try? FileManager.default.removeItem(at: file)
    }
}
