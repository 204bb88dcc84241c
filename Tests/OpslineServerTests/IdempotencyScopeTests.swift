import Foundation
import HTTPTypes
import OpslineStore
import Testing
import Workflow

/// Idempotency keys belong to the token that sends them, and a refused command claims nothing:
/// another caller's key never answers with someone else's task, never blocks the caller whose
/// key it is, and a refusal's retry is applied once the reason is gone.
@Suite struct IdempotencyScopeTests {
    static let createLine =
        #"{"op":"create","workflow":"complaint-escalation","title":"From the CRM","fields":{"customer":"ACME"},"idempotency_key":"crm-1"}"#

    static let replayedHeader = HTTPField.Name("Idempotent-Replayed")!

    /// The one result line of a one-line `POST /v1/events`.
    static func post(_ api: APIClient, _ line: String, token: String) async throws -> JSONValue {
        let reply = try await api.send(.post, "/v1/events", body: line + "\n", token: token)
        try #require(reply.status == .ok && reply.lines.count == 1, "\(reply.status) \(reply.text)")
        return reply.lines[0]
    }

    static func isRefusal(_ status: JSONValue?) -> Bool {
        status == 403 || status == 404
    }

    @Test func anotherTeamsCallerWithTheSameKeyGetsItsOwnRefusalNeverTheTask() async throws {
        let server = try await TestServer.make()
        let writer = try await server.mint(.member, teams: ["support"])
        let viewer = try await server.mint(.viewer, teams: ["billing"])
        let member = try await server.mint(.member, teams: ["billing"])
        try await server.run { api in
            let created = try await Self.post(api, Self.createLine, token: writer)
            #expect(created["status"] == 201)
            let id = try #require(created["task"]?["id"]?.stringValue)
            let move = #"{"op":"transition","task":"\#(id)","transition":"acknowledge","idempotency_key":"crm-2"}"#
            #expect(try await Self.post(api, move, token: writer)["status"] == 200)

            for token in [viewer, member] {
                for line in [Self.createLine, move] {
                    let answer = try await Self.post(api, line, token: token)
                    #expect(Self.isRefusal(answer["status"]), "\(answer)")
                    #expect(answer["task"] == nil, "another team's task is never handed out: \(answer)")
                    #expect(answer["replayed"] == nil)
                }
                // POST /v1/tasks reads keys the same way.
                let task = try await api.send(
                    .post, "/v1/tasks", body: Self.createLine.replacingOccurrences(of: #""op":"create","#, with: ""),
                    token: token)
                #expect(task.status == .forbidden)
                #expect(task.object["id"] == nil && task.headers[Self.replayedHeader] == nil)
            }

            // The `Idempotency-Key` header: the writer renames, the others send the same request.
            let rename = #"{"title":"Renamed by the writer"}"#
            let renamed = try await api.send(
                .patch, "/v1/tasks/\(id)", body: rename, token: writer, idempotencyKey: "patch-1")
            #expect(renamed.status == .ok)
            for token in [viewer, member] {
                let answer = try await api.send(
                    .patch, "/v1/tasks/\(id)", body: rename, token: token, idempotencyKey: "patch-1")
                #expect(answer.status == .forbidden || answer.status == .notFound, "\(answer.text)")
                #expect(answer.object["id"] == nil && answer.object["title"] == nil, "\(answer.text)")
                #expect(answer.headers[Self.replayedHeader] == nil)
            }
            let task = try await api.send(.get, "/v1/tasks/\(id)").object
            #expect(task["title"] == "Renamed by the writer" && task["state"] == "acknowledged")
        }
    }

    @Test func aSquattersRefusedCommandDoesNotBlockTheRealWriter() async throws {
        let server = try await TestServer.make()
        let writer = try await server.mint(.member, teams: ["support"])
        let squatter = try await server.mint(.member, teams: ["billing"])
        try await server.run { api in
            // The squatter uses the writer's keys first: the same line, and another line.
            #expect(try await Self.post(api, Self.createLine, token: squatter)["status"] == 403)
            let other = Self.createLine.replacingOccurrences(of: "crm-1", with: "crm-2")
            let squatted = other.replacingOccurrences(of: "From the CRM", with: "Squatted")
            #expect(try await Self.post(api, squatted, token: squatter)["status"] == 403)

            let created = try await Self.post(api, Self.createLine, token: writer)
            #expect(created["status"] == 201 && created["replayed"] == nil, "\(created)")
            let second = try await Self.post(api, other, token: writer)
            #expect(second["status"] == 201 && second["replayed"] == nil, "not a duplicate: \(second)")
            #expect(try await api.send(.get, "/v1/tasks").lines.count == 2)

            // The `Idempotency-Key` header, the same request and another one.
            let id = try #require(created["task"]?["id"]?.stringValue)
            let acknowledge = #"{"transition":"acknowledge"}"#
            let refused = try await api.send(
                .post, "/v1/tasks/\(id)/transitions", body: acknowledge, token: squatter, idempotencyKey: "ack-1")
            #expect(refused.status == .forbidden || refused.status == .notFound)
            let moved = try await api.send(
                .post, "/v1/tasks/\(id)/transitions", body: acknowledge, token: writer, idempotencyKey: "ack-1")
            #expect(moved.status == .ok && moved.headers[Self.replayedHeader] == nil, "\(moved.text)")
            #expect(moved.object["state"] == "acknowledged")

            _ = try await api.send(
                .post, "/v1/tasks/\(id)/comments", body: #"{"text":"squatted"}"#, token: squatter,
                idempotencyKey: "comment-1")
            let comment = try await api.send(
                .post, "/v1/tasks/\(id)/comments", body: #"{"text":"the real one"}"#, token: writer,
                idempotencyKey: "comment-1")
            #expect(comment.status == .created && comment.headers[Self.replayedHeader] == nil, "\(comment.text)")
            let history = try await api.send(.get, "/v1/tasks/\(id)/events").lines
            #expect(history.filter { $0["type"] == "commented" }.map { $0["data"]?["text"] } == ["the real one"])
        }
    }

    @Test func aRefusedCommandIsAppliedWhenRetriedOnceItsReasonIsGone() async throws {
        let server = try await TestServer.make()
        let writer = try await server.mint(.member, teams: ["support"])
        try await server.run { api in
            let id = try await api.createComplaint()
            // Asking the customer needs an investigation first.
            let ask = #"{"op":"transition","task":"\#(id)","transition":"ask_customer","idempotency_key":"ask-1"}"#
            let early = try await Self.post(api, ask, token: writer)
            #expect(early["status"] == 409 && early["error"]?["code"] == "invalid_transition")
            let header = #"{"transition":"resolve"}"#
            let unresolved = try await api.send(
                .post, "/v1/tasks/\(id)/transitions", body: header, token: writer, idempotencyKey: "resolve-1")
            #expect(unresolved.status == .conflict)

            #expect(try await api.move(id, "investigate").status == .ok)
            let applied = try await Self.post(api, ask, token: writer)
            #expect(applied["status"] == 200 && applied["replayed"] == nil, "\(applied)")
            #expect(applied["task"]?["state"] == "waiting_on_customer")
            let again = try await Self.post(api, ask, token: writer)
            #expect(again["status"] == 200 && again["replayed"] == true)
            #expect(again["task"]?["version"] == applied["task"]?["version"])

            #expect(try await api.move(id, "customer_replied").status == .ok)
            let resolution = #"{"transition":"resolve","fields":{"resolution":"Refunded"}}"#
            // The same key with the request that was refused before, now changed: not a duplicate.
            let resolved = try await api.send(
                .post, "/v1/tasks/\(id)/transitions", body: resolution, token: writer, idempotencyKey: "resolve-1")
            #expect(resolved.status == .ok && resolved.object["state"] == "resolved", "\(resolved.text)")
        }
    }

    @Test func twoTokensUsingTheSameKeyEachApplyAndEachReplayTheirOwn() async throws {
        let server = try await TestServer.make()
        // Even under one name: keys belong to the token, not to its name.
        let first = try await server.mint(.member, teams: ["support"], name: "crm")
        let second = try await server.mint(.service, teams: ["support"], name: "crm")
        try await server.run { api in
            let a = try await Self.post(api, Self.createLine, token: first)
            let b = try await Self.post(api, Self.createLine, token: second)
            #expect(a["status"] == 201 && b["status"] == 201)
            #expect(a["replayed"] == nil && b["replayed"] == nil, "\(b)")
            let ids = [a, b].compactMap { $0["task"]?["id"]?.stringValue }
            #expect(Set(ids).count == 2, "two tasks: \(ids)")

            let againA = try await Self.post(api, Self.createLine, token: first)
            let againB = try await Self.post(api, Self.createLine, token: second)
            #expect(againA["replayed"] == true && againA["task"]?["id"] == a["task"]?["id"])
            #expect(againB["replayed"] == true && againB["task"]?["id"] == b["task"]?["id"])
            #expect(try await api.send(.get, "/v1/tasks").lines.count == 2)

            let id = ids[0]
            for token in [first, second, first, second] {
                let comment = try await api.send(
                    .post, "/v1/tasks/\(id)/comments", body: #"{"text":"hello"}"#, token: token,
                    idempotencyKey: "comment-1")
                #expect(comment.status == .created)
            }
            let history = try await api.send(.get, "/v1/tasks/\(id)/events").lines
            #expect(history.filter { $0["type"] == "commented" }.count == 2, "one comment per token")
        }
    }

    @Test func concurrentRequestsWithTheSameKeyApplyOnce() async throws {
        let server = try await TestServer.make()
        let writer = try await server.mint(.member, teams: ["support"])
        try await server.run { api in
            let lines = try await withThrowingTaskGroup(of: JSONValue.self) { group in
                for _ in 0..<8 { group.addTask { try await Self.post(api, Self.createLine, token: writer) } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(lines.allSatisfy { $0["status"] == 201 })
            #expect(lines.filter { $0["replayed"] == true }.count == 7)
            #expect(Set(lines.compactMap { $0["task"]?["id"]?.stringValue }).count == 1)
            #expect(try await api.send(.get, "/v1/tasks").lines.count == 1)

            let id = try #require(lines.first?["task"]?["id"]?.stringValue)
            let replies = try await withThrowingTaskGroup(of: APIClient.Reply.self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        try await api.send(
                            .post, "/v1/tasks/\(id)/comments", body: #"{"text":"once"}"#, token: writer,
                            idempotencyKey: "comment-1")
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(replies.allSatisfy { $0.status == .created })
            #expect(replies.filter { $0.headers[Self.replayedHeader] == "true" }.count == 7)
            let history = try await api.send(.get, "/v1/tasks/\(id)/events").lines
            #expect(history.filter { $0["type"] == "commented" }.count == 1)
        }
    }
}
