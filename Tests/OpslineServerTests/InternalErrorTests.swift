import Foundation
import Postgres
import Testing
import TestSupport
import Workflow

/// A 500 is a bug: its error line says "see the server log", and the log has an entry under the
/// request id the line carries — also when the 500 is a result line of a batch, which used to
/// be answered without any log entry.
@Suite struct InternalErrorTests {
    @Test func aServerErrorIsLoggedUnderTheRequestIDItsLineCarries() async throws {
        let server = try await TestServer.make()
        try await server.run { api in
            let id = try await api.createComplaint()
            // A row this build cannot read: `fields` must hold an object.
            try await server.pool.withConnection { connection in
                try await connection.query("UPDATE tasks SET fields = '[1]'::jsonb WHERE id = $1", [id])
            }
            let shown = try await api.send(.get, "/v1/tasks/\(id)")
            #expect(shown.status == .internalServerError)
            #expect(shown.errorCode == "internal")
            let shownID = try #require(shown.object["error"]?["request_id"]?.stringValue, "\(shown.text)")
            #expect(shown.object["error"]?["message"]?.stringValue?.contains(shownID) == true)

            let batch = try await api.send(.post, "/v1/events", body: #"{"op":"comment","task":"\#(id)","text":"hi"}"#)
            #expect(batch.lines.first?["status"] == 500)
            let batchID = try #require(batch.lines.first?["error"]?["request_id"]?.stringValue, "\(batch.text)")
            #expect(batchID != shownID)

            let log = try String(contentsOf: TestLogging.file, encoding: .utf8).split(separator: "\n")
            for requestID in [shownID, batchID] {
                #expect(
                    log.contains { $0.contains("request failed") && $0.contains(requestID) },
                    "no log entry for request \(requestID)")
            }
        }
    }
}
