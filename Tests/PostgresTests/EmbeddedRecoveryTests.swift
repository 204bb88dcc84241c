import Foundation
@testable import Postgres
import Testing
import TestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// The embedded cluster after a crash: one start comes up whatever the crash left behind, and a
/// cluster found running is stopped by the server only when it is that server's.
@Suite struct EmbeddedRecoveryTests {
    /// A fresh cluster folder under `/tmp`, not started.
    private static func makeCluster() throws -> (EmbeddedPostgres, pgdata: String) {
        let directory = URL(fileURLWithPath: "/tmp/opsline-recovery-\(getpid())-\(Int.random(in: 0..<1_000_000))")
        var options = EmbeddedPostgres.Options()
        options.durable = false
        let cluster = try EmbeddedPostgres(directory: directory, options: options)
        return (cluster, directory.appendingPathComponent("pgdata").path)
    }

    private static func remove(_ cluster: EmbeddedPostgres) {
        try? cluster.stop()
        try? FileManager.default.removeItem(at: cluster.directory)
    }

    /// Connects and asks a question: the cluster really answers.
    private static func answer(_ cluster: EmbeddedPostgres) async throws -> String? {
        let connection = try await PostgresConnection.connect(cluster.conninfo())
        defer { Task { await connection.close() } }
        return try await connection.query("SELECT 'up' AS v").first?.decode("v", as: String.self)
    }

    @Test func aStartRightAfterThePostmasterWasKilledComesUp() async throws {
        let (cluster, pgdata) = try Self.makeCluster()
        defer { Self.remove(cluster) }
        try await cluster.start()
        // A connected client: its backend has to exit too before a new postmaster may start.
        let client = try await PostgresConnection.connect(cluster.conninfo())
        defer { Task { await client.close() } }
        let killed = try #require(ClusterProcesses.postmasterPID(dataDirectory: pgdata))
        kill(killed, SIGKILL)

        // At once: the killed postmaster may not be reaped yet and its children still exit.
        try await cluster.start()
        let postmaster = try #require(ClusterProcesses.postmasterPID(dataDirectory: pgdata))
        #expect(postmaster != killed)
        #expect(try await Self.answer(cluster) == "up")
    }

    @Test func aLockFileNamingAnotherProcessOfTheClusterUserIsClearedAndThatProcessSpared() async throws {
        let (cluster, pgdata) = try Self.makeCluster()
        defer { Self.remove(cluster) }
        try await cluster.start()
        let lockFiles = [pgdata + "/postmaster.pid", cluster.socketLockFile]
        let texts = try lockFiles.map { try String(contentsOfFile: $0, encoding: .utf8) }
        try cluster.stop()

        // After a reboot the PID in the lock files belongs to some other process of the same user.
        let bystander = try BystanderProcess()
        for (path, text) in zip(lockFiles, texts) {
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropFirst().map(String.init)
            try ([String(bystander.pid)] + lines).joined(separator: "\n").write(
                toFile: path, atomically: true, encoding: .utf8)
        }
        // `pg_ctl stop` would signal the bystander; stopping a cluster that does not run must not.
        try cluster.stop()
        #expect(bystander.isAlive)

        try await cluster.start()
        #expect(try await Self.answer(cluster) == "up")
        #expect(ClusterProcesses.postmasterPID(dataDirectory: pgdata) != bystander.pid)
        try cluster.stop()
        #expect(bystander.isAlive)
        #expect(ClusterProcesses.running(dataDirectory: pgdata).isEmpty)
    }

    @Test func aRunningClusterIsTakenOverFromADeadServerButNotFromAPersonOrALiveServer() async throws {
        let (cluster, pgdata) = try Self.makeCluster()
        defer { Self.remove(cluster) }
        #expect(try await cluster.start(), "the process that starts the cluster owns it")
        let lock = try #require(cluster.livePostmaster())
        let postmaster = (pid: lock.pid, startTime: try #require(lock.startTime))

        // Started by hand: no owner file names this postmaster.
        try FileManager.default.removeItem(atPath: cluster.ownerFile)
        #expect(try await cluster.start() == false)
        #expect(try cluster.stopIfOwned() == false)
        #expect(cluster.isRunning())

        // The server that started it still runs (here: this test's parent process).
        let living = ProcessIdentity(pid: getppid(), startTicks: ProcessTable.startTicks(getppid()))
        try ClusterOwner(server: living, postmaster: postmaster, written: EmbeddedPostgres.now)
            .write(to: cluster.ownerFile)
        #expect(try await cluster.start() == false)
        #expect(try cluster.stopIfOwned() == false)

        // The server that started it is gone: it was killed before it could stop its cluster.
        let dead = try Self.exitedProcess()
        try ClusterOwner(server: dead, postmaster: postmaster, written: EmbeddedPostgres.now)
            .write(to: cluster.ownerFile)
        #expect(try await cluster.start())
        #expect(try cluster.stopIfOwned())
        #expect(ClusterProcesses.running(dataDirectory: pgdata).isEmpty)
    }

    /// A process that has exited, with a start time no process can share.
    private static func exitedProcess() throws -> ProcessIdentity {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/true")
        try process.run()
        process.waitUntilExit()
        return ProcessIdentity(pid: process.processIdentifier, startTicks: 1)
    }
}
