import NIOCore

/// Cuts a stream of bytes into NDJSON lines as the bytes arrive.
///
/// Feed it the chunks of a response body in order with ``append(_:)``; it returns every line the
/// chunk completed and keeps the unfinished rest. When the body ends, ``finish()`` returns a last
/// line that had no `\n`. Lines come without their terminator; a `\r` before the `\n` (CRLF) is
/// dropped too, and blank lines are skipped.
struct NDJSONLineSplitter: Sendable {
    /// The longest line accepted, in bytes.
    let maximumLineLength: Int

    private var pending = ByteBuffer()
    /// How many bytes at the start of `pending` are known to hold no `\n`.
    private var scanned = 0

    /// Creates a splitter.
    ///
    /// - Parameter maximumLineLength: The longest line accepted; the API caps lines at 1 MiB, and
    ///   the default leaves room for servers that allow more.
    public init(maximumLineLength: Int = 32 * 1024 * 1024) {
        self.maximumLineLength = maximumLineLength
    }

    /// Adds the next chunk of bytes and returns the lines it completed, in order.
    ///
    /// - Throws: ``ClientError/badResponse(_:)`` when a line grows past ``maximumLineLength``.
    public mutating func append(_ chunk: ByteBuffer) throws(ClientError) -> [ByteBuffer] {
        var chunk = chunk
        pending.writeBuffer(&chunk)
        var lines: [ByteBuffer] = []
        while let length = nextLineLength() {
            let line = pending.readSlice(length: length)!
            pending.moveReaderIndex(forwardBy: 1)
            scanned = 0
            if let line = Self.trimmed(line) { lines.append(line) }
        }
        scanned = pending.readableBytes
        try checkLength()
        compact()
        return lines
    }

    /// Ends the input and returns the last line when it had no final `\n`.
    public mutating func finish() -> ByteBuffer? {
        defer {
            pending.clear()
            scanned = 0
        }
        return Self.trimmed(pending)
    }

    /// The length of the first complete line in `pending`, without its `\n`.
    private func nextLineLength() -> Int? {
        pending.withUnsafeReadableBytes { bytes in
            bytes[scanned...].firstIndex(of: UInt8(ascii: "\n"))
        }
    }

    private func checkLength() throws(ClientError) {
        if pending.readableBytes > maximumLineLength {
            throw .badResponse("a line is longer than \(maximumLineLength) bytes")
        }
    }

    /// Gives back the memory of lines already returned.
    private mutating func compact() {
        if pending.readableBytes == 0 {
            pending.clear()
        } else if pending.readerIndex > 64 * 1024 {
            pending.discardReadBytes()
        }
    }

    /// The line without a trailing `\r`; `nil` for a blank line.
    private static func trimmed(_ line: ByteBuffer) -> ByteBuffer? {
        var line = line
        if line.readableBytesView.last == UInt8(ascii: "\r") {
            line.moveWriterIndex(to: line.writerIndex - 1)
        }
        let blank = line.readableBytesView.allSatisfy {
            $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t")
        }
        return blank ? nil : line
    }
}
