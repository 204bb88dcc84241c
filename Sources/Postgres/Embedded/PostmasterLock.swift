import Foundation

/// A PostgreSQL lock file: `postmaster.pid` in the data folder, or `.s.PGSQL.PORT.lock` next to
/// the socket. Both start with the PID of the postmaster that wrote them; `postmaster.pid` also
/// holds the postmaster's start time (seconds since 1970), which with the PID names one run of
/// one postmaster.
struct PostmasterLock: Sendable, Hashable {
    /// Where the file is.
    let path: String
    /// The postmaster that wrote it; 0 when the file holds no PID (a postmaster that died while
    /// writing it).
    let pid: pid_t
    /// When that postmaster started (`postmaster.pid` line 3), in seconds since 1970; `nil` in a
    /// socket lock file.
    let startTime: Int?
    /// The text as read, compared before the file is removed so that a lock file a new
    /// postmaster wrote meanwhile is left alone.
    let text: String

    /// Reads the lock file at `path`; `nil` when there is none.
    static func read(at path: String) -> PostmasterLock? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let pid = lines.first.flatMap { pid_t($0.trimmingCharacters(in: .whitespaces)) } ?? 0
        let start = lines.count > 2 ? Int(lines[2].trimmingCharacters(in: .whitespaces)) : nil
        return PostmasterLock(path: path, pid: max(pid, 0), startTime: start, text: text)
    }

    /// Removes the file if it still holds what was read. Returns whether it did.
    func remove() -> Bool {
        guard (try? String(contentsOfFile: path, encoding: .utf8)) == text else { return false }
        return unlink(path) == 0
    }
}
