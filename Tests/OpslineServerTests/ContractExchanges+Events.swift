import Foundation
import Testing
import Workflow

/// `POST /v1/events` (batches of command lines) and `GET /v1/events` (the event log).
extension ContractExchanges {
    /// `POST /v1/events`.
    func commands() async throws {
        let path = "/v1/events"
        let id = try await api.exchange("a complaint", .post, "/v1/tasks", body: Self.complaint, expect: 201).string(
            "id")
        let batch = [
            #"{"op":"create","workflow":"complaint-escalation","title":"From the CRM","fields":{"customer":"ACME"},"idempotency_key":"crm-9912"}"#,
            #"{"op":"transition","task":"\#(id)","transition":"acknowledge","note":"on it","idempotency_key":"crm-9913"}"#,
            #"{"op":"update","task":"\#(id)","fields":{"severity":"p2"},"title":"Renamed","priority":"p2"}"#,
            #"{"op":"assign","task":"\#(id)","assignee":"bob","team":"support"}"#,
            #"{"op":"comment","task":"\#(id)","text":"Called the customer"}"#,
            #"{"op":"transition","task":"\#(id)","transition":"close"}"#,
            #"{"op":"transition","task":"\#(id)","transition":"investigate","expected_version":1}"#,
            #"{"op":"transition","task":"CMP-999","transition":"close"}"#,
            #"{"op":"update","task":"\#(id)","fields":{"severity":"p9"}}"#,
            #"{"op":"launch","task":"\#(id)"}"#,
            "not json",
            #"{"op":"create","workflow":"complaint-escalation","title":"From the CRM","fields":{"customer":"ACME"},"idempotency_key":"crm-9912"}"#,
        ]
        try await api.exchange(
            "every command and refusal, one result line each", .post, path,
            body: batch.joined(separator: "\n") + "\n", expect: 200)
        try await api.exchange(
            "lines a member may not apply", .post, path,
            body: #"{"op":"comment","task":"\#(id)","text":"x"}"#, token: outsider, expect: 200)
        try await api.exchange(
            "an atomic batch", .post, path, query: "atomic=true",
            body: #"{"op":"comment","task":"\#(id)","text":"a"}"# + "\n"
                + #"{"op":"comment","task":"\#(id)","text":"b"}"#,
            expect: 200)
        try await api.exchange(
            "an atomic batch that fails: nothing applied", .post, path, query: "atomic=true",
            body: #"{"op":"comment","task":"\#(id)","text":"a"}"# + "\n"
                + #"{"op":"transition","task":"\#(id)","transition":"close"}"#,
            expect: 200)
        try await api.exchange(
            "a batch as application/json", .post, path, body: #"{"op":"comment","task":"\#(id)","text":"json"}"#,
            contentType: "application/json", expect: 200)
        try await api.exchange("an empty body", .post, path, body: "", expect: 400)
        try await api.exchange(
            "more than 10,000 lines", .post, path,
            body: String(repeating: #"{"op":"comment","task":"\#(id)","text":"x"}"# + "\n", count: 10_001), expect: 413)
        try await api.exchange(
            "another content type", .post, path, body: #"{"op":"comment"}"#, contentType: "text/csv", expect: 415)
    }

    /// `GET /v1/events`: the history, filtered, and followed live.
    func eventLog() async throws {
        let path = "/v1/events"
        let first = try await api.exchange("the whole log", .get, path, expect: 200).lines
        let id = try #require(first.first?["task"]?.stringValue, "the log is empty")
        try await api.exchange(
            "a task's events of one type after a seq", .get, path, query: "task=\(id)&type=created&since=0",
            expect: 200)
        try await api.exchange(
            "a team's events of a workflow", .get, path, query: "team=support&workflow=complaint-escalation",
            expect: 200)
        try await api.exchange("a viewer's events", .get, path, token: viewer, expect: 200)
        try await api.exchange("since is not a seq", .get, path, query: "since=-1", expect: 400)
        try await api.follow(
            "live from now: a heartbeat, new events, a heartbeat", path, query: "since=now&follow=true",
            opened: { try await api.exchange("a complaint", .post, "/v1/tasks", body: Self.complaint, expect: 201) }
        ) { lines in
            let events = lines.indices.filter { lines[$0]["type"] != "heartbeat" }
            return lines.indices.contains { index in
                lines[index]["type"] == "heartbeat" && events.contains { $0 < index }
            }
        }
        try await api.follow("the history, then live", path, query: "follow=true&task=\(id)") { lines in
            lines.last?["type"] == "heartbeat"
        }
    }
}
