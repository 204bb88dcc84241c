#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes to standard output and standard error without buffering, so streamed lines appear as
/// they arrive even when the output is a pipe.
///
/// The process ignores SIGPIPE (``Opsline/main()``), so a write to a pipe whose reader has gone
/// (`opsline task list | head -2`, once `head` has its lines) fails with `EPIPE` rather than
/// killing the process, and ``print(_:)`` throws ``OutputError/readerGone``: the command stops
/// there and ends quietly with exit code 0.
enum TerminalOutput {
    /// Writes `text` and a line break to standard output; `text` may already end in one.
    /// - Throws: ``OutputError/readerGone`` when nobody reads the output any more, or
    ///   ``OutputError/failed(errno:)``.
    static func print(_ text: String) throws(OutputError) {
        try write(terminated(text), to: STDOUT_FILENO)
    }

    /// Writes `text` and a line break to standard error. When even that fails there is nobody
    /// left to tell, so the text is dropped.
    static func error(_ text: String) {
        try? write(terminated(text), to: STDERR_FILENO)
    }

    /// Writes all of `text`, resuming after partial writes and interruptions.
    private static func write(_ text: String, to descriptor: Int32) throws(OutputError) {
        let bytes = Array(text.utf8)
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { buffer in
                systemWrite(descriptor, buffer.baseAddress! + written, buffer.count - written)
            }
            guard result < 0 else {
                written += result
                continue
            }
            let number = errno
            switch number {
            case EINTR: continue
            case EPIPE: throw .readerGone
            default: throw .failed(errno: number)
            }
        }
    }

    /// `write(2)`, which the static `write` above would otherwise hide.
    private static func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
        #if canImport(Glibc)
            Glibc.write(descriptor, bytes, count)
        #else
            Darwin.write(descriptor, bytes, count)
        #endif
    }

    private static func terminated(_ text: String) -> String {
        text.hasSuffix("\n") ? text : text + "\n"
    }
}
