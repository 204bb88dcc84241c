import OpslineClient

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Why a command could not write its output.
enum OutputError: Error, CustomStringConvertible {
    /// Standard output is a pipe (or socket) whose reader has gone, as when `head` has read the
    /// lines it wanted: not a failure, just the end of the command.
    case readerGone
    /// Writing failed for another reason, such as a full disk (`ENOSPC`).
    case failed(errno: Int32)

    /// `cannot write to standard output: No space left on device`.
    var description: String {
        let number =
            switch self {
            case .readerGone: EPIPE
            case .failed(let number): number
            }
        return "cannot write to standard output: \(String(cString: strerror(number)))"
    }

    /// How the command ends: with exit code 0 and nothing to say when the reader has gone, like
    /// `git log | head`; otherwise with the message and exit code 1.
    var exitStatus: ExitStatus {
        switch self {
        case .readerGone: ExitStatus(code: ExitStatus.success, message: "")
        case .failed: ExitStatus(code: ExitStatus.failure, message: "error: \(self)")
        }
    }
}
