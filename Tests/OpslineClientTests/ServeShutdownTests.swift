import AsyncHTTPClient
import Foundation
import Testing

/// `opsline serve` as people run it: the embedded PostgreSQL, a real port, and a signal to stop.
@Suite struct ServeShutdownTests {
    @Test func sigtermStopsTheServerAndItsPostgreSQLEvenWithAFollowerConnected() async throws {
        let dataDirectory = "/tmp/opsline-serve-\(getpid())-\(Int.random(in: 0..<1_000_000))"
        defer { try? FileManager.default.removeItem(atPath: dataDirectory) }
        let server = try ServerReplica(
            name: "serve", database: .embedded(dataDirectory: dataDirectory),
            workflows: LiveServer.repositoryRoot.appendingPathComponent("workflows"), adminSecret: "shutdown-secret")
        try await server.waitUntilReady()
        // A follower that would keep the connection open forever.
        var follow = HTTPClientRequest(url: "\(server.baseURL)/v1/events?follow=true")
        follow.headers.add(name: "Authorization", value: "Bearer shutdown-secret")
        let stream = try await HTTPClient.shared.execute(follow, timeout: .seconds(120))
        #expect(stream.status == .ok)

        // Waits on the process's exit; kills it and fails after a minute.
        try await server.terminate()
        #expect(server.ending == "exit 0", "\(server)")
        let postmasterPID = URL(fileURLWithPath: dataDirectory).appendingPathComponent("pgdata/postmaster.pid")
        #expect(!FileManager.default.fileExists(atPath: postmasterPID.path), "its PostgreSQL was stopped")
    }
}
