import Foundation
import Testing
import Workflow

@Suite struct EventBatchTests {
    /// 1,000 lines: creates and transitions with keys, plus sprinkled bad lines.
    static func batch() -> (body: String, bad: [Int: String]) {
        var lines: [String] = []
        var bad: [Int: String] = [:]
        for index in 1...1000 {
            switch index % 10 {
            case 3:
                lines.append("{not json \(index)")
                bad[index] = "bad_line"
            case 5:
                lines.append(
                    #"{"op":"transition","task":"CMP-999999","transition":"acknowledge","idempotency_key":"k\#(index)"}"#
                )
                bad[index] = "not_found"
            case 7:
                // Closing a task that was just created is not allowed from `received`.
                lines.append(#"{"op":"transition","task":"CMP-1","transition":"close","idempotency_key":"k\#(index)"}"#)
                bad[index] = "invalid_transition"
            case 9:
                // The same key as the line before it with a different request.
                lines.append(#"{"op":"comment","task":"CMP-1","text":"dup","idempotency_key":"k\#(index - 1)"}"#)
                bad[index] = "duplicate"
            default:
                lines.append(
                    #"{"op":"create","workflow":"complaint-escalation","title":"c\#(index)","fields":{"customer":"C"},"idempotency_key":"k\#(index)"}"#
                )
            }
        }
        return (lines.joined(separator: "\n") + "\n", bad)
    }

    @Test func aThousandLineBatchAnswersEveryLineInOrderAndARepostReplaysIt() async throws {
        try await TestServer.make().run { api in
            let (body, bad) = Self.batch()
            let first = try await api.send(.post, "/v1/events", body: body)
            #expect(first.status == .ok)
            #expect(first.lines.count == 1000)
            #expect(first.lines.compactMap { $0["line"]?.intValue } == Array(1...1000))
            for (index, line) in first.lines.enumerated() {
                let number = index + 1
                if let code = bad[number] {
                    #expect(line["error"]?["code"]?.stringValue == code, "line \(number)")
                } else {
                    #expect(line["status"] == 201, "line \(number)")
                    #expect(line["task"]?["title"]?.stringValue == "c\(number)")
                }
            }
            let created = try await api.send(.get, "/v1/tasks?limit=10000").lines.count
            #expect(created == 1000 - bad.count)
            let eventsBefore = try await api.send(.get, "/v1/events").lines.count

            let again = try await api.send(.post, "/v1/events", body: body)
            #expect(again.lines.count == 1000)
            #expect(try await api.send(.get, "/v1/tasks?limit=10000").lines.count == created, "nothing new applied")
            #expect(try await api.send(.get, "/v1/events").lines.count == eventsBefore)
            for (index, line) in again.lines.enumerated() {
                let original = first.lines[index]
                switch bad[index + 1] {
                case .some:
                    // Never applied (a refusal claims nothing), so nothing to replay: refused the
                    // same way again.
                    #expect(line["error"]?["code"] == original["error"]?["code"])
                    #expect(line["replayed"] == nil)
                default:
                    #expect(line["replayed"] == true, "line \(index + 1)")
                }
                #expect(line["status"] == original["status"])
                #expect(line["task"]?["id"] == original["task"]?["id"])
            }
        }
    }

    @Test func anAtomicBatchAppliesNothingWhenOneLineFails() async throws {
        try await TestServer.make().run { api in
            let body = [
                #"{"op":"create","workflow":"complaint-escalation","title":"a","fields":{"customer":"A"}}"#,
                #"{"op":"transition","task":"CMP-1","transition":"acknowledge"}"#,
                #"{"op":"transition","task":"CMP-1","transition":"close"}"#,
                #"{"op":"comment","task":"CMP-1","text":"never"}"#,
            ].joined(separator: "\n")
            let failed = try await api.send(.post, "/v1/events?atomic=true", body: body)
            #expect(failed.lines.count == 4)
            #expect(failed.lines[2]["error"]?["code"] == "invalid_transition")
            #expect(failed.lines[0]["error"]?["code"] == "not_applied")
            #expect(failed.lines[3]["status"] == 424)
            #expect(try await api.send(.get, "/v1/tasks").lines.isEmpty)
            #expect(try await api.send(.get, "/v1/events").lines.isEmpty)

            let good = body.split(separator: "\n").prefix(2).joined(separator: "\n")
            let applied = try await api.send(.post, "/v1/events?atomic=true", body: good)
            #expect(applied.lines.map { $0["status"] } == [201, 200])
            #expect(try await api.send(.get, "/v1/tasks/CMP-1").object["state"] == "acknowledged")
        }
    }

    @Test func updatesAssignmentsAndCommentsAreRecorded() async throws {
        let server = try await TestServer.make()
        try await server.addUser("alice", ["support": .member])
        try await server.run { api in
            let id = try await api.createComplaint()
            let body = [
                #"{"op":"update","task":"\#(id)","fields":{"severity":"p1"},"priority":"p1"}"#,
                #"{"op":"assign","task":"\#(id)","assignee":"alice"}"#,
                #"{"op":"comment","task":"\#(id)","text":"Called the customer"}"#,
                #"{"op":"update","task":"\#(id)","fields":{"severity":"p9"}}"#,
                #"{"op":"teleport","task":"\#(id)"}"#,
            ].joined(separator: "\n")
            let reply = try await api.send(.post, "/v1/events", body: body)
            #expect(reply.lines.map { $0["status"] } == [200, 200, 201, 422, 400])
            let task = try await api.send(.get, "/v1/tasks/\(id)").object
            #expect(task["assignee"] == "alice")
            #expect(task["priority"] == "p1")
            #expect(task["fields"]?["severity"] == "p1")
            let types = try await api.send(.get, "/v1/tasks/\(id)/events").lines.compactMap { $0["type"]?.stringValue }
            // Raising the severity re-targets both of the complaint's SLA clocks.
            #expect(
                types == [
                    "created", "sla_started", "sla_started", "updated", "sla_retargeted", "sla_retargeted", "assigned",
                    "commented",
                ])
        }
    }

    @Test func singleTaskEndpointsHonourIdempotencyKeys() async throws {
        try await TestServer.make().run { api in
            let id = try await api.createComplaint()
            let first = try await api.send(
                .post, "/v1/tasks/\(id)/transitions", body: #"{"transition":"acknowledge"}"#, idempotencyKey: "ack-1")
            let again = try await api.send(
                .post, "/v1/tasks/\(id)/transitions", body: #"{"transition":"acknowledge"}"#, idempotencyKey: "ack-1")
            #expect(first.status == .ok)
            #expect(again.status == .ok)
            #expect(again.headers[.init("Idempotent-Replayed")!] == "true")
            #expect(again.object["version"] == first.object["version"])
            let other = try await api.send(
                .post, "/v1/tasks/\(id)/transitions", body: #"{"transition":"investigate"}"#, idempotencyKey: "ack-1")
            #expect(other.status == .conflict)
            #expect(other.errorCode == "duplicate")
            let patched = try await api.send(
                .patch, "/v1/tasks/\(id)", body: #"{"title":"Refund still missing","assignee":null}"#)
            #expect(patched.object["title"] == "Refund still missing")
            let comment = try await api.send(.post, "/v1/tasks/\(id)/comments", body: #"{"text":"hi"}"#)
            #expect(comment.status == .created)
            let history = try await api.send(.get, "/v1/tasks/\(id)/events").lines.compactMap {
                $0["type"]?.stringValue
            }
            // Acknowledging meets the first-response clock.
            #expect(
                history == ["created", "sla_started", "sla_started", "transitioned", "sla_met", "updated", "commented"])
        }
    }
}

/// Values PostgreSQL cannot store as sent: each is refused on its own line, naming the field,
/// and never spoils its group. (Before, PostgreSQL refused them inside the group's transaction,
/// and every line of the group answered 500, or a NUL cut the text short and it was stored so.)
@Suite struct EventBatchBadValueTests {
    /// Random letters and digits: a repeated character would compress below PostgreSQL's limit
    /// on an index entry (about 2,700 bytes) and pass.
    static func randomText(_ count: Int) -> String {
        let characters = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        return String((0..<count).map { _ in characters.randomElement()! })
    }

    /// One bad line of each class, and the field its refusal names.
    static let badLines: [(line: String, field: String)] = {
        let long = randomText(3_000)
        func create(_ extra: String, title: String = "bad", fields: String = #"{"customer":"C"}"#) -> String {
            #"{"op":"create","workflow":"complaint-escalation","title":"\#(title)","fields":\#(fields)\#(extra)}"#
        }
        return [
            (create("", title: ""), "title"),
            (create("", title: #"visible\u0000HIDDEN"#), "title"),
            (create("", fields: #"{"customer":"A\u0000B"}"#), "customer"),
            (create("", fields: #"{"customer":{"nested":["x\u0000"]}}"#), "customer"),
            (create("", fields: #"{"customer":"C","x\u0000y":"1"}"#), "fields"),
            (create(#","team":"\#(long)""#), "team"),
            (create(#","assignee":"\#(long)""#), "assignee"),
            (create(#","priority":"\#(long)""#), "priority"),
            (create(#","idempotency_key":"\#(long)""#), "idempotency_key"),
            (create(#","idempotency_key":"order-7\u0000A""#), "idempotency_key"),
            (#"{"op":"comment","task":"CMP-1","text":"a\u0000b"}"#, "text"),
            (#"{"op":"transition","task":"CMP-1","transition":"acknowledge","note":"a\u0000b"}"#, "note"),
            (#"{"op":"update","task":"CMP-1","team":"tier3\u0000x"}"#, "team"),
        ]
    }()

    @Test func aBadValueIsRefusedOnItsOwnLineAndTheOther99AreStored() async throws {
        try await TestServer.make().run { api in
            let first = try await api.createComplaint()
            #expect(first == "CMP-1")
            for (batch, bad) in Self.badLines.enumerated() {
                let lines = (1...100).map { number in
                    number == 50
                        ? bad.line
                        : #"{"op":"create","workflow":"complaint-escalation","title":"b\#(batch)-\#(number)","fields":{"customer":"C"},"idempotency_key":"b\#(batch)-\#(number)"}"#
                }
                let reply = try await api.send(.post, "/v1/events", body: lines.joined(separator: "\n"))
                #expect(reply.lines.count == 100)
                for (index, line) in reply.lines.enumerated() where index != 49 {
                    #expect(line["status"] == 201, "batch \(batch), line \(index + 1): \(line)")
                }
                let refused = reply.lines[49]
                #expect(refused["line"] == 50)
                #expect(refused["status"] == 422, "batch \(batch): \(refused)")
                #expect(refused["error"]?["code"] == "validation_failed")
                #expect(refused["error"]?["fields"]?[bad.field] != nil, "batch \(batch): \(refused)")
                // The neighbours are stored, and their events are in the log.
                let stored = try await api.send(.get, "/v1/tasks?limit=10000").lines
                #expect(stored.count == 1 + 99 * (batch + 1), "batch \(batch)")
                #expect(stored.filter { $0["title"]?.stringValue?.hasPrefix("b\(batch)-") == true }.count == 99)
            }
            let all = try await api.send(.get, "/v1/tasks?limit=10000").lines
            #expect(!all.contains { $0["title"]?.stringValue?.hasPrefix("visible") == true })
            let history = try await api.send(.get, "/v1/tasks/CMP-1/events").lines.compactMap {
                $0["type"]?.stringValue
            }
            #expect(!history.contains("commented"))
            #expect(!history.contains("transitioned"))
            #expect(try await api.send(.get, "/v1/tasks/CMP-1").object["team"] != "tier3")
        }
    }

    @Test func anAtomicBatchFailsAtTheLineWithTheBadValue() async throws {
        try await TestServer.make().run { api in
            _ = try await api.createComplaint()
            for bad in Self.badLines {
                let lines = [
                    #"{"op":"create","workflow":"complaint-escalation","title":"a","fields":{"customer":"C"}}"#,
                    bad.line,
                    #"{"op":"comment","task":"CMP-1","text":"fine"}"#,
                ]
                let reply = try await api.send(.post, "/v1/events?atomic=true", body: lines.joined(separator: "\n"))
                #expect(reply.lines.map { $0["status"] } == [424, 422, 424], "\(bad.field): \(reply.text)")
                #expect(reply.lines[1]["error"]?["fields"]?[bad.field] != nil)
            }
            #expect(try await api.send(.get, "/v1/tasks").lines.count == 1)
        }
    }
}
