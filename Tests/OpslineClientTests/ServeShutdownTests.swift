import AsyncHTTPClient
import Foundation
import Testing

/// `opsline serve` as people run it: the embedded PostgreSQL, a real port, and a signal to stop.
@Suite struct ServeShutdownTests {
    @Test func sigtermStopsTheServerAndItsPostgreSQLEvenWithAFollowerConnected() async throws {
        let dataDirectory = "/tmp/opsline-serve-\(getpid())-\(Int.random(in: 0..<1_000_000))"
        defer { try? FileManager.default.removeItem(atPath: dataDirectory) }
        let port = Int.random(in: 20_000..<40_000)
        let server = Process()
        server.executableURL = try CLIProcess.builtExecutable()
        server.arguments = [
            "serve", "--data-dir", dataDirectory, "--listen", "127.0.0.1:\(port)",
            "--workflows", LiveServer.repositoryRoot.appendingPathComponent("workflows").path,
        ]
        var environment = ProcessInfo.processInfo.environment
        environment["OPSLINE_ADMIN_TOKEN"] = "shutdown-secret"
        server.environment = environment
        server.standardOutput = FileHandle.nullDevice
        server.standardError = FileHandle.nullDevice
        try server.run()
        defer { if server.isRunning { kill(server.processIdentifier, SIGKILL) } }

        let base = "http://127.0.0.1:\(port)"
        try await waitUntilReady(base)
        // A follower that would keep the connection open forever.
        var follow = HTTPClientRequest(url: "\(base)/v1/events?follow=true")
        follow.headers.add(name: "Authorization", value: "Bearer shutdown-secret")
        let stream = try await HTTPClient.shared.execute(follow, timeout: .seconds(30))
        #expect(stream.status == .ok)

        kill(server.processIdentifier, SIGTERM)
        let deadline = ContinuousClock.now + .seconds(20)
        while server.isRunning, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(100)) }
        #expect(!server.isRunning, "the server exits on SIGTERM")
        let postmasterPID = URL(fileURLWithPath: dataDirectory).appendingPathComponent("pgdata/postmaster.pid")
        #expect(!FileManager.default.fileExists(atPath: postmasterPID.path), "its PostgreSQL was stopped")
    }

    private func waitUntilReady(_ base: String) async throws {
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            let request = HTTPClientRequest(url: "\(base)/readyz")
            if let response = try? await HTTPClient.shared.execute(request, timeout: .seconds(2)),
                response.status == .ok
            {
                return
            }
            try await Task.sleep(for: .milliseconds(200))
        }
        throw CLIProcess.Timeout(arguments: ["serve"], timeout: .seconds(60))
    }
}
