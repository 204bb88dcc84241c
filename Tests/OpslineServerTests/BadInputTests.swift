import Foundation
import Hummingbird
import Testing
import Postgres
import Workflow

@Suite struct BadInputTests {
    @Test func aLineThatIsNotJSONIsNamedByNumber() async throws {
        try await TestServer.make().run { api in
            let reply = try await api.send(.post, "/v1/tasks", body: "\n{not json")
            #expect(reply.status == .badRequest)
            #expect(reply.errorCode == "bad_line")
            #expect(reply.object["error"]?["line"] == 2)
            #expect(reply.object["error"]?["message"]?.stringValue?.contains("line 2") == true)
            // The server keeps serving.
            #expect(try await api.send(.get, "/v1/tasks").status == .ok)
        }
    }

    @Test func wrongTypesAndUnknownFieldsNameTheField() async throws {
        try await TestServer.make().run { api in
            let wrongType = try await api.send(
                .post, "/v1/tasks", body: #"{"workflow":"complaint-escalation","title":42}"#)
            #expect(wrongType.errorCode == "bad_line")
            #expect(wrongType.object["error"]?["field"] == "title")
            let typo = try await api.send(.post, "/v1/tasks", body: #"{"workflow":"complaint-escalation","titel":"x"}"#)
            #expect(typo.object["error"]?["field"] == "titel")
            let notObject = try await api.send(.post, "/v1/tasks", body: "[1,2]")
            #expect(notObject.errorCode == "bad_line")
        }
    }

    @Test func oneBadLineDoesNotSpoilItsNeighbours() async throws {
        try await TestServer.make().run { api in
            let body = [
                #"{"workflow":"complaint-escalation","title":"first","fields":{"customer":"A"}}"#,
                "oops",
                #"{"workflow":"complaint-escalation","title":"third","fields":{"customer":"C"}}"#,
            ].joined(separator: "\n")
            let reply = try await api.send(.post, "/v1/tasks", body: body)
            #expect(reply.status == HTTPResponse.Status(code: 207, reasonPhrase: "Multi-Status"))
            #expect(reply.lines.count == 3)
            #expect(reply.lines[0]["title"] == "first")
            #expect(reply.lines[1]["error"]?["line"] == 2)
            #expect(reply.lines[2]["title"] == "third")
            let listed = try await api.send(.get, "/v1/tasks")
            #expect(listed.lines.count == 2)
        }
    }

    @Test func missingOrUnknownTokensAreUnauthenticated() async throws {
        try await TestServer.make().run { api in
            let none = try await api.send(.get, "/v1/tasks", token: nil)
            #expect(none.status == .unauthorized)
            #expect(none.errorCode == "unauthenticated")
            let wrong = try await api.send(.get, "/v1/tasks", token: "opl_not-a-real-token")
            #expect(wrong.status == .unauthorized)
            #expect(try await api.send(.get, "/healthz", token: nil).status == .ok)
        }
    }

    @Test func otherContentTypesAreRefused() async throws {
        try await TestServer.make().run { api in
            let reply = try await api.send(
                .post, "/v1/tasks", body: "title=x", contentType: "application/x-www-form-urlencoded")
            #expect(reply.status == .unsupportedMediaType)
            #expect(reply.errorCode == "unsupported_media_type")
        }
    }

    @Test func overLimitBodiesAreRefusedNamingTheLimit() async throws {
        try await TestServer.make().run { api in
            let longLine = #"{"op":"comment","task":"CMP-1","text":""# + String(repeating: "x", count: 1 << 20) + #""}"#
            let tooLong = try await api.send(.post, "/v1/events", body: longLine)
            #expect(tooLong.status == .contentTooLarge)
            #expect(tooLong.object["error"]?["message"]?.stringValue?.contains("1 MiB") == true)
            let manyLines = String(repeating: "{}\n", count: 10_001)
            let tooMany = try await api.send(.post, "/v1/events", body: manyLines)
            #expect(tooMany.status == .contentTooLarge)
            #expect(tooMany.object["error"]?["message"]?.stringValue?.contains("10000") == true)
            #expect(try await api.send(.get, "/healthz", token: nil).status == .ok)
        }
    }

    @Test func anEmptyBatchIsABadRequestInEitherMode() async throws {
        try await TestServer.make().run { api in
            for uri in ["/v1/events", "/v1/events?atomic=true"] {
                let reply = try await api.send(.post, uri, body: "\n\n")
                #expect(reply.status == .badRequest, "\(uri)")
                #expect(reply.errorCode == "bad_request")
            }
        }
    }

    @Test func aTitleWithNULIsRefusedNotCutShort() async throws {
        try await TestServer.make().run { api in
            let created = try await api.send(
                .post, "/v1/tasks",
                body: #"{"workflow":"complaint-escalation","title":"visible\u0000HIDDEN","fields":{"customer":"A"}}"#)
            #expect(created.status == .unprocessableContent)
            #expect(created.errorCode == "validation_failed")
            #expect(created.object["error"]?["fields"]?["title"] == "must not contain NUL (\\u0000)")
            #expect(created.object["error"]?["line"] == 1)
            #expect(try await api.send(.get, "/v1/tasks").lines.isEmpty)

            let id = try await api.createComplaint(title: "kept")
            let patched = try await api.send(.patch, "/v1/tasks/\(id)", body: #"{"title":"visible\u0000HIDDEN"}"#)
            #expect(patched.status == .unprocessableContent)
            #expect(patched.object["error"]?["fields"]?["title"] != nil)
            #expect(try await api.send(.get, "/v1/tasks/\(id)").object["title"] == "kept")
            // Cut at the NUL, the id would name the task before it.
            let moved = try await api.send(
                .post, "/v1/events", body: #"{"op":"transition","task":"\#(id)\u0000x","transition":"acknowledge"}"#)
            #expect(moved.lines.first?["status"] == 422)
            #expect(moved.lines.first?["error"]?["fields"]?["task"] != nil)
            #expect(try await api.send(.get, "/v1/tasks/\(id)").object["state"] == "received")
        }
    }

    @Test func keysThatDifferAfterANULDoNotCollide() async throws {
        try await TestServer.make().run { api in
            let body = ["A", "B"].map {
                #"{"workflow":"complaint-escalation","title":"\#($0)","fields":{"customer":"C"},"idempotency_key":"order-7\u0000\#($0)"}"#
            }
            let reply = try await api.send(.post, "/v1/tasks", body: body.joined(separator: "\n"))
            #expect(reply.lines.count == 2)
            #expect(reply.lines.map { $0["error"]?["line"] } == [1, 2])
            for line in reply.lines {
                #expect(line["error"]?["code"] == "validation_failed")
                #expect(line["error"]?["fields"]?["idempotency_key"] != nil)
            }
            #expect(try await api.send(.get, "/v1/tasks").lines.isEmpty)
        }
    }

    @Test func emptyAndOverlongValuesAreRefusedNamingTheField() async throws {
        let server = try await TestServer.make()
        let team = EventBatchBadValueTests.randomText(256)
        // A task's team must be a team: the longest name there may be is one.
        try await server.pool.withConnection { connection in
            _ = try await connection.query("INSERT INTO teams (name) VALUES ($1)", [String(team.dropLast())])
        }
        try await server.run { api in
            let empty = try await api.send(
                .post, "/v1/tasks", body: #"{"workflow":"complaint-escalation","title":"","fields":{"customer":"A"}}"#)
            #expect(empty.status == .unprocessableContent)
            #expect(empty.object["error"]?["fields"]?["title"] == "must not be empty")
            let long = try await api.send(
                .post, "/v1/tasks",
                body: #"{"workflow":"complaint-escalation","title":"t","fields":{"customer":"A"},"team":"\#(team)"}"#)
            #expect(long.status == .unprocessableContent)
            #expect(long.object["error"]?["fields"]?["team"] == "must be at most 255 characters")
            let id = try await api.createComplaint()
            let header = try await api.send(
                .post, "/v1/tasks/\(id)/comments", body: #"{"text":"hi"}"#,
                idempotencyKey: EventBatchBadValueTests.randomText(3_000))
            #expect(header.status == .unprocessableContent)
            #expect(header.object["error"]?["fields"]?["idempotency_key"] != nil)
            // At the limits, all is well.
            let atLimit = try await api.send(
                .post, "/v1/tasks",
                body:
                    #"{"workflow":"complaint-escalation","title":"\#(String(repeating: "é", count: 1_000))","fields":{"customer":"A"},"team":"\#(team.dropLast())"}"#
            )
            #expect(atLimit.status == .created)
        }
    }

    @Test func aNULInAQueryParameterIsABadRequestNamingIt() async throws {
        try await TestServer.make().run { api in
            for uri in ["/v1/tasks?team=support%00x", "/v1/events?team=support%00x", "/v1/sla/breaches?team=%00"] {
                let reply = try await api.send(.get, uri)
                #expect(reply.status == .badRequest, "\(uri)")
                #expect(reply.errorCode == "bad_request")
                #expect(reply.object["error"]?["parameter"] == "team", "\(uri)")
            }
        }
    }

    @Test func aVersionPastTheIntegerRangeIsABadRequest() async throws {
        try await TestServer.make().run { api in
            for uri in [
                "/v1/workflows/complaint-escalation?version=2147483648",
                "/v1/workflows/complaint-escalation/graph?version=99999999999999999999",
            ] {
                let reply = try await api.send(.get, uri)
                #expect(reply.status == .badRequest, "\(uri)")
                #expect(reply.object["error"]?["parameter"] == "version")
            }
            let largest = try await api.send(.get, "/v1/workflows/complaint-escalation?version=2147483647")
            #expect(largest.status == .notFound)
        }
    }

    /// A chunk size that is not hexadecimal breaks the body's framing half-way: the answer is a
    /// 400 with an error line, where it was a 500.
    @Test func aMalformedChunkedBodyIsABadRequestWithAnErrorLine() async throws {
        let server = try await TestServer.make()
        try await server.runLive(headerTimeout: .seconds(30)) { port in
            try await RawConnection.with(port: port) { connection in
                try await connection.send(
                    "POST /v1/events HTTP/1.1\r\nHost: localhost\r\n"
                        + "Authorization: Bearer \(TestServer.adminSecret)\r\n"
                        + "Content-Type: application/x-ndjson\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + "5\r\n{\"op\"\r\nzz\r\nnot a chunk\r\n0\r\n\r\n")
                let response = await connection.readResponse()
                #expect(response?.status == 400)
                let line = try JSONValue.parse(Array((response?.body ?? "").utf8))
                #expect(line["error"]?["code"] == "bad_request", "\(response?.body ?? "no answer")")
            }
            // The server goes on serving.
            try await RawConnection.with(port: port) { connection in
                try await connection.send("GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n")
                #expect(await connection.readResponse()?.status == 200)
            }
        }
    }
}
