import Foundation
import NIOCore
import NIOFoundationCompat

/// The bytes of a file or of standard input, read in chunks as the request body asks for them.
///
/// Reads block, so they run on a dispatch queue rather than on the tasks' own threads.
struct InputChunks: AsyncSequence, Sendable {
    /// The largest chunk read at once.
    static let chunkSize = 64 * 1024

    /// What is read.
    let handle: FileHandle

    /// Opens `path` for reading; `-` is standard input.
    ///
    /// - Throws: ``InputError`` when the file cannot be opened.
    static func open(_ path: String) throws(InputError) -> InputChunks {
        guard path != "-" else { return InputChunks(handle: .standardInput) }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw InputError(path: path, reason: "it is a folder")
        }
        do {
            return InputChunks(handle: try FileHandle(forReadingFrom: URL(fileURLWithPath: path)))
        } catch {
            let reason = (error as NSError).localizedFailureReason ?? error.localizedDescription
            throw InputError(path: path, reason: reason)
        }
    }

    /// Starts reading.
    func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(handle: handle)
    }

    /// Reads the next chunk; ``InputChunks/next()`` drives it.
    struct AsyncIterator: AsyncIteratorProtocol {
        let handle: FileHandle
        private var ended = false

        init(handle: FileHandle) {
            self.handle = handle
        }

        /// The next chunk, or `nil` at the end of the input.
        mutating func next() async throws -> ByteBuffer? {
            guard !ended else { return nil }
            let handle = self.handle
            let data = try await withCheckedThrowingContinuation { continuation in
                DispatchQueue.global().async {
                    continuation.resume(with: Result { try handle.read(upToCount: InputChunks.chunkSize) })
                }
            }
            guard let data, !data.isEmpty else {
                ended = true
                return nil
            }
            return ByteBuffer(data: data)
        }
    }
}

/// A file given on the command line that cannot be read.
struct InputError: Error, CustomStringConvertible {
    /// The path as given.
    let path: String
    /// Why it cannot be read.
    let reason: String

    /// `cannot read 'lines.ndjson': …`.
    var description: String {
        "cannot read '\(path)': \(reason)"
    }
}
