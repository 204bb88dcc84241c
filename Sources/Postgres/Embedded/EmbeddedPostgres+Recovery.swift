import CLibPQ
import Foundation
import Logging

/// What a start finds on the data folder once it has settled.
enum SettledCluster {
    /// Nothing runs there and no lock file stands in the way: start a postmaster.
    case stopped
    /// A postmaster of this folder runs and accepts connections: use it.
    case running(PostmasterLock)
}

/// Recovering from whatever a crash left behind: a postmaster that is still dying, its children
/// still exiting, lock files naming PIDs that now belong to other processes.
extension EmbeddedPostgres {
    /// How long a start waits for a dying or starting postmaster before it gives up.
    static let settleTimeout: Duration = .seconds(60)

    var lockFile: String { dataDirectory.appendingPathComponent("postmaster.pid").path }
    var socketLockFile: String { socketDirectory.appendingPathComponent(".s.PGSQL.5432.lock").path }
    var ownerFile: String { directory.appendingPathComponent("postgres.owner").path }
    var realDataDirectory: String { ProcessTable.realPath(dataDirectory.path) }

    /// Whether the cluster's postmaster runs: `postmaster.pid` names a live PostgreSQL process of
    /// this data folder. It may still be starting or recovering. A cheap check (a file and
    /// `/proc`), made every second by a server that supervises its cluster.
    public var postmasterIsRunning: Bool { livePostmaster() != nil }

    /// The lock file of the running postmaster, if one runs.
    func livePostmaster() -> PostmasterLock? {
        guard let lock = PostmasterLock.read(at: lockFile),
            ProcessTable.isPostgres(lock.pid, of: realDataDirectory)
        else { return nil }
        return lock
    }

    /// Waits until the data folder is in a state a start can act on: a postmaster of this folder
    /// that answers, or no PostgreSQL process of this folder at all (then stale lock files are
    /// removed). Meanwhile a postmaster may be starting, recovering or shutting down, or the
    /// children of a killed one may be exiting; a new postmaster must not start beside them.
    func settle() async throws -> SettledCluster {
        let deadline = ContinuousClock.now + Self.settleTimeout
        var announced = false
        while true {
            let waitingFor: String
            if let lock = livePostmaster() {
                if await answers() { return .running(lock) }
                waitingFor = "the embedded PostgreSQL (PID \(lock.pid)) to accept connections or exit"
            } else {
                let leftovers = ProcessTable.postgresProcesses(of: realDataDirectory)
                if leftovers.isEmpty {
                    removeStaleLockFiles()
                    return .stopped
                }
                waitingFor =
                    "processes of an earlier embedded PostgreSQL to exit (PIDs "
                    + leftovers.map(String.init).joined(separator: ", ") + ")"
            }
            guard ContinuousClock.now < deadline else {
                throw EmbeddedPostgresError.clusterBusy(waitingFor: waitingFor, seconds: 60)
            }
            if !announced {
                logger.info("waiting for \(waitingFor)", metadata: ["data": "\(dataDirectory.path)"])
                announced = true
            }
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    /// Whether the cluster accepts connections (`PQping`: a server that refuses a login still
    /// answers; one that is starting, recovering or stopping does not).
    func answers() async -> Bool {
        let conninfo = conninfo(database: "postgres") + " connect_timeout=5"
        return (try? await offloaded { PQping(conninfo) == PQPING_OK }) ?? false
    }

    /// Removes `postmaster.pid` and the socket's lock file when the PID they name is not a live
    /// PostgreSQL process of this data folder. Only called when no such process runs at all.
    ///
    /// PostgreSQL removes a lock file itself when its PID is gone, but refuses to start when the
    /// PID is alive: a postmaster killed a moment ago that is not reaped yet, or, after a reboot,
    /// any other process of the `postgres` user that got the same PID.
    func removeStaleLockFiles() {
        for path in [lockFile, socketLockFile] {
            guard let lock = PostmasterLock.read(at: path), !ProcessTable.isPostgres(lock.pid, of: realDataDirectory)
            else { continue }
            guard lock.remove() else { continue }
            let reason =
                lock.pid == 0
                ? "it holds no PID"
                : ProcessTable.isAlive(lock.pid)
                    ? "PID \(lock.pid) is another process, not a PostgreSQL of this data folder"
                    : "PID \(lock.pid) has exited"
            logger.warning("removed a stale PostgreSQL lock file: \(reason)", metadata: ["file": "\(path)"])
        }
    }

    /// Decides whether this process owns a cluster it found running (see `ClusterOwner`), taking
    /// it over when the Opsline server that started it is gone. Returns whether it owns it.
    func claim(_ lock: PostmasterLock) -> Bool {
        let me = ProcessIdentity.current
        let metadata: Logger.Metadata = ["data": "\(dataDirectory.path)", "postmaster": "\(lock.pid)"]
        guard let owner = ClusterOwner.read(at: ownerFile), owner.names(lock), let startTime = lock.startTime else {
            logger.notice(
                "using an embedded PostgreSQL started outside opsline; it keeps running when this server stops",
                metadata: metadata)
            return false
        }
        if owner.server == me { return true }
        if owner.server.isAlive {
            logger.notice(
                "using the embedded PostgreSQL of the opsline server with PID \(owner.server.pid); that server stops it",
                metadata: metadata)
            return false
        }
        do {
            try ClusterOwner(server: me, postmaster: (lock.pid, startTime), written: Self.now).write(to: ownerFile)
        } catch {
            logger.warning(
                "could not take over the embedded PostgreSQL; it keeps running when this server stops",
                metadata: metadata.merging(["error": "\(error)"]) { $1 })
            return false
        }
        let message =
            "taking over the embedded PostgreSQL that the stopped opsline server with PID"
            + " \(owner.server.pid) left running; it stops with this server"
        logger.notice("\(message)", metadata: metadata)
        return true
    }

    /// Seconds since 1970, as `postmaster.pid` records a start.
    static var now: Int { Int(Date().timeIntervalSince1970) }
}
