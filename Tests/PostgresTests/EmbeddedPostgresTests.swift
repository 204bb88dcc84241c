import Foundation
@testable import Postgres
import Testing
import TestSupport

@Suite struct EmbeddedPostgresTests {
    @Test func aStoppedClusterStartsAgainWithItsData() async throws {
        let directory = URL(fileURLWithPath: "/tmp/opsline-embedded-\(getpid())-\(Int.random(in: 0..<1_000_000))")
        defer { try? FileManager.default.removeItem(at: directory) }
        var options = EmbeddedPostgres.Options()
        options.durable = false
        let cluster = try EmbeddedPostgres(directory: directory, options: options)
        #expect(try await cluster.start())
        let first = try await PostgresConnection.connect(cluster.conninfo())
        try await first.execute("CREATE TABLE kept (v text); INSERT INTO kept VALUES ('still here')")
        await first.close()
        // A second start while running reuses the server instead of starting another; it is
        // still this process's to stop.
        let pgdata = directory.appendingPathComponent("pgdata").path
        let postmaster = ClusterProcesses.postmasterPID(dataDirectory: pgdata)
        #expect(try await cluster.start())
        #expect(ClusterProcesses.postmasterPID(dataDirectory: pgdata) == postmaster)
        try cluster.stop()
        #expect(cluster.isRunning() == false)
        #expect(try await cluster.start())
        let second = try await PostgresConnection.connect(cluster.conninfo())
        let value = try await second.query("SELECT v FROM kept").first?.decode("v", as: String.self)
        #expect(value == "still here")
        // Socket only: the server listens on no TCP address.
        let listen = try await second.query("SHOW listen_addresses").first?.decode("listen_addresses", as: String.self)
        #expect(listen == "")
        await second.close()
        try cluster.stop()
    }
}
