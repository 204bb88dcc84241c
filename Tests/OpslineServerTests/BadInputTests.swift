import Foundation
import Hummingbird
import Testing
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
}
