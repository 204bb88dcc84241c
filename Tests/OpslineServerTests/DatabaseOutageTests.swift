import Foundation
import Postgres
import Testing
import Workflow

@Suite struct DatabaseOutageTests {
    @Test func aStoppedDatabaseGets503AndServiceResumesByItself() async throws {
        let directory = URL(fileURLWithPath: "/tmp/opsline-outage-\(getpid())")
        try? FileManager.default.removeItem(at: directory)
        defer { try? FileManager.default.removeItem(at: directory) }
        var options = EmbeddedPostgres.Options()
        options.durable = false
        let cluster = try EmbeddedPostgres(directory: directory, options: options)
        try await cluster.start()
        defer { try? cluster.stop() }

        try await TestServer.make(conninfo: cluster.conninfo()).run { api in
            let id = try await api.createComplaint()
            try cluster.stop()
            let down = try await api.send(.get, "/v1/tasks/\(id)")
            #expect(down.status == .serviceUnavailable)
            #expect(down.errorCode == "unavailable")
            #expect(down.headers[.retryAfter] != nil)
            // Commands too, including a create (answered line by line) and a move.
            let create = try await api.send(
                .post, "/v1/tasks", body: #"{"workflow":"complaint-escalation","title":"t","fields":{"customer":"A"}}"#)
            #expect(create.status == .serviceUnavailable)
            #expect(create.headers[.retryAfter] != nil)
            let move = try await api.move(id, "acknowledge")
            #expect(move.status == .serviceUnavailable)
            #expect(move.headers[.retryAfter] != nil)
            #expect(try await api.send(.get, "/readyz", token: nil).status == .serviceUnavailable)
            #expect(try await api.send(.get, "/healthz", token: nil).status == .ok)

            try await cluster.start()
            let back = try await api.send(.get, "/v1/tasks/\(id)")
            #expect(back.status == .ok)
            #expect(try await api.move(id, "acknowledge").status == .ok)
            #expect(try await api.send(.get, "/readyz", token: nil).status == .ok)
        }
    }
}
