import Foundation

/// One process, named so that a recycled PID is not mistaken for it: its PID and when it
/// started (clock ticks since boot; `nil` where `/proc` is missing).
struct ProcessIdentity: Sendable, Hashable {
    let pid: pid_t
    let startTicks: UInt64?

    /// This process.
    static var current: ProcessIdentity {
        ProcessIdentity(pid: getpid(), startTicks: ProcessTable.startTicks(getpid()))
    }

    /// Whether this very process still runs.
    var isAlive: Bool {
        guard ProcessTable.isAlive(pid) else { return false }
        guard let startTicks, let now = ProcessTable.startTicks(pid) else { return true }
        return now == startTicks
    }
}

/// Which Opsline process owns the embedded cluster, and so stops it when it stops: the file
/// `postgres.owner` in the cluster's folder.
///
/// The rule: the server that starts the cluster owns it. A server that finds the cluster running
/// takes it over when this file says an Opsline server started that very postmaster and that
/// server is gone (killed, crashed), so that `kill -9`, a restart and a SIGTERM leave nothing
/// running. A postmaster the file does not name was started by hand (`pg_ctl start`) and is never
/// stopped by a server; one whose owner still runs (two servers on one folder) is that owner's.
struct ClusterOwner: Sendable {
    /// The server that owns the cluster.
    let server: ProcessIdentity
    /// The postmaster it started (PID and start time from `postmaster.pid`); `nil` while
    /// `pg_ctl start` runs, before that postmaster is known.
    let postmaster: (pid: pid_t, startTime: Int)?
    /// When the file was written, in seconds since 1970.
    let written: Int

    /// How long after the file was written a postmaster it does not name yet may have started
    /// and still be the one its server was starting (`pg_ctl start` waits up to 60 s).
    static let startWindow = 90

    /// Whether the file names the postmaster of `lock` (`postmaster.pid`), or was written by a
    /// server that was starting a postmaster when that one started.
    func names(_ lock: PostmasterLock) -> Bool {
        guard let startTime = lock.startTime else { return false }
        if let postmaster { return postmaster.pid == lock.pid && postmaster.startTime == startTime }
        return startTime >= written - 1 && startTime <= written + Self.startWindow
    }

    /// `server PID TICKS`, `postmaster PID START` (when known), `written SECONDS`.
    var text: String {
        var lines = ["server \(server.pid) \(server.startTicks.map(String.init) ?? "-")"]
        if let postmaster { lines.append("postmaster \(postmaster.pid) \(postmaster.startTime)") }
        lines.append("written \(written)")
        return lines.joined(separator: "\n") + "\n"
    }

    /// Reads the file at `path`; `nil` when there is none or it is not one this code wrote.
    static func read(at path: String) -> ClusterOwner? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        var server: ProcessIdentity?
        var postmaster: (pid: pid_t, startTime: Int)?
        var written: Int?
        for line in text.split(separator: "\n") {
            let words = line.split(separator: " ").map(String.init)
            switch (words.first, words.count) {
            case ("server", 3):
                server = pid_t(words[1]).map { ProcessIdentity(pid: $0, startTicks: UInt64(words[2])) }
            case ("postmaster", 3):
                if let pid = pid_t(words[1]), let start = Int(words[2]) { postmaster = (pid, start) }
            case ("written", 2):
                written = Int(words[1])
            default:
                continue
            }
        }
        guard let server, let written else { return nil }
        return ClusterOwner(server: server, postmaster: postmaster, written: written)
    }

    /// Writes the file at `path`, readable by this user only.
    func write(to path: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        _ = chmod(path, 0o600)
    }
}
