import AsyncHTTPClient
import Foundation
import NIOCore
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `opsline serve` with its embedded PostgreSQL after crashes: killed servers, a killed
/// postmaster, lock files left by a previous boot. One start always comes up, the server brings
/// back a cluster that dies underneath it, and a SIGTERM leaves no PostgreSQL running.
@Suite struct EmbeddedRecoveryServeTests {
    static let secret = "recovery-secret"

    @Test func aKilledServerRestartsAtOnceAndItsSuccessorStopsThePostgreSQLItTookOver() async throws {
        let folder = Folder()
        let first = try folder.serve("first")
        try await first.waitUntilReady()
        let id = try await first.createTask()
        let postmaster = ClusterProcesses.postmasterPID(dataDirectory: folder.pgdata)
        first.kill()

        let second = try folder.serve("second")
        try await second.waitUntilReady()
        #expect(try await second.call("/v1/tasks/\(id)").status == 200, "\(second)")
        #expect(ClusterProcesses.postmasterPID(dataDirectory: folder.pgdata) == postmaster, "it used the running one")
        try await second.terminate()
        #expect(second.ending == "exit 0", "\(second)")
        #expect(ClusterProcesses.running(dataDirectory: folder.pgdata).isEmpty, "\(second)")
    }

    @Test func aServerKilledWithItsPostgreSQLRestartsAtOnce() async throws {
        let folder = Folder()
        let first = try folder.serve("first")
        try await first.waitUntilReady()
        let id = try await first.createTask()
        let postmaster = try #require(ClusterProcesses.postmasterPID(dataDirectory: folder.pgdata))
        kill(postmaster, SIGKILL)
        first.kill()

        // Started at once: the old postmaster may not be reaped yet, its children may still exit.
        let second = try folder.serve("second")
        try await second.waitUntilReady()
        #expect(try await second.call("/v1/tasks/\(id)").status == 200, "\(second)")
        try await second.terminate()
        #expect(ClusterProcesses.running(dataDirectory: folder.pgdata).isEmpty, "\(second)")
    }

    @Test func aLockFileNamingAnotherPostgresProcessDoesNotStopTheStart() async throws {
        let folder = Folder()
        let first = try folder.serve("first")
        try await first.waitUntilReady()
        let id = try await first.createTask()
        let lockFiles = [folder.pgdata + "/postmaster.pid", folder.path + "/run/.s.PGSQL.5432.lock"]
        let texts = try lockFiles.map { try String(contentsOfFile: $0, encoding: .utf8) }
        try await first.terminate()

        // As after a power cut and a reboot: the lock files are back, and their PID now belongs
        // to another process of the postgres user.
        let bystander = try BystanderProcess()
        for (path, text) in zip(lockFiles, texts) {
            let rest = text.split(separator: "\n", omittingEmptySubsequences: false).dropFirst().map(String.init)
            try ([String(bystander.pid)] + rest).joined(separator: "\n").write(
                toFile: path, atomically: true, encoding: .utf8)
        }
        let second = try folder.serve("second")
        try await second.waitUntilReady()
        #expect(try await second.call("/v1/tasks/\(id)").status == 200, "\(second)")
        try await second.terminate()
        #expect(second.ending == "exit 0", "\(second)")
        #expect(bystander.isAlive, "the other process was left alone")
        #expect(ClusterProcesses.running(dataDirectory: folder.pgdata).isEmpty, "\(second)")
    }

    @Test func aKilledPostmasterIsRestartedWhileTheServerRuns() async throws {
        let folder = Folder()
        let server = try folder.serve("server")
        try await server.waitUntilReady()
        let id = try await server.createTask()
        let killed = try #require(ClusterProcesses.postmasterPID(dataDirectory: folder.pgdata))
        kill(killed, SIGKILL)

        // Asked again and again (a client retrying) until it answers from a new postmaster; a
        // hang bound only. Whether a request falls into the outage depends on the scheduler (a
        // busy machine may not run this loop until the watchdog has restarted the cluster), so
        // the answers are checked for what they may be, not for an outage they must have seen.
        var statuses: [Int] = []
        var retryAfter: [String?] = []
        var postmaster: pid_t?
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            let answer = try await server.call("/v1/tasks/\(id)")
            statuses.append(answer.status)
            if answer.status == 503 { retryAfter.append(answer.retryAfter) }
            postmaster = ClusterProcesses.postmasterPID(dataDirectory: folder.pgdata)
            if answer.status == 200, let postmaster, postmaster != killed { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(postmaster != nil && postmaster != killed, "\(server)")
        #expect(statuses.last == 200, "\(server)")
        #expect(statuses.allSatisfy { $0 == 200 || $0 == 503 }, "\(Set(statuses))")
        #expect(retryAfter.allSatisfy { $0 != nil }, "every 503 says when to retry")
        // Logged once `start` returns, which may be a moment after the pool reconnected.
        try await server.waitForLog("restarted the embedded PostgreSQL")
        #expect(server.isRunning)
        // Writes work again too.
        _ = try await server.createTask()

        try await server.terminate()
        #expect(server.ending == "exit 0", "\(server)")
        #expect(ClusterProcesses.running(dataDirectory: folder.pgdata).isEmpty, "\(server)")
    }
}

/// A fresh `--data-dir` under `/tmp`, removed (after any PostgreSQL in it is stopped) when the
/// test ends.
private final class Folder {
    let path = "/tmp/opsline-recover-\(getpid())-\(Int.random(in: 0..<1_000_000))"
    var pgdata: String { path + "/pgdata" }

    /// Starts `opsline serve --data-dir FOLDER` with the repository's workflows.
    func serve(_ name: String) throws -> ServerReplica {
        try ServerReplica(
            name: name, database: .embedded(dataDirectory: path),
            workflows: LiveServer.repositoryRoot.appendingPathComponent("workflows"),
            adminSecret: EmbeddedRecoveryServeTests.secret)
    }

    deinit {
        // A failed test may leave its PostgreSQL running.
        if !ClusterProcesses.running(dataDirectory: pgdata).isEmpty,
            let postmaster = ClusterProcesses.postmasterPID(dataDirectory: pgdata)
        {
            kill(postmaster, SIGQUIT)
            let deadline = ContinuousClock.now + .seconds(30)
            while !ClusterProcesses.running(dataDirectory: pgdata).isEmpty, ContinuousClock.now < deadline {
                usleep(20_000)
            }
        }
        try? FileManager.default.removeItem(atPath: path)
    }
}

extension ServerReplica {
    /// Sends a request as the admin (a POST with `body`, else a GET); returns the status, the
    /// `Retry-After` header and the body.
    func call(_ path: String, body: String? = nil) async throws -> (status: Int, retryAfter: String?, text: String) {
        var request = HTTPClientRequest(url: baseURL + path)
        request.headers.add(name: "Authorization", value: "Bearer \(EmbeddedRecoveryServeTests.secret)")
        if let body {
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "application/x-ndjson")
            request.body = .bytes(ByteBuffer(string: body))
        }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(60))
        let text = String(buffer: try await response.body.collect(upTo: 1 << 20))
        return (Int(response.status.code), response.headers.first(name: "Retry-After"), text)
    }

    /// Creates a complaint and returns its id.
    func createTask() async throws -> String {
        let answer = try await call(
            "/v1/tasks", body: #"{"workflow":"complaint-escalation","title":"t","fields":{"customer":"A"}}"#)
        try #require(answer.status == 201, "\(answer.text)\n\(self)")
        let id = try #require(
            answer.text.firstMatch(of: /"id":"([^"]+)"/)?.1, "no id in \(answer.text)")
        return String(id)
    }
}
