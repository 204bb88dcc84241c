import AsyncHTTPClient
import Foundation
import NIOCore
@testable import OpslineClient
import Testing
import Workflow

@Suite struct EventFollowTests {
    /// Reads a followed stream line by line until `enough` says stop (or 2 minutes pass: a hang).
    /// `started` hears of every line as it arrives.
    static func follow(
        _ url: String, token: String, started: AsyncStream<Void>.Continuation? = nil,
        enough: @escaping @Sendable ([JSONValue]) -> Bool
    ) async throws -> [JSONValue] {
        defer { started?.finish() }  // a follower that fails early must not leave anyone waiting
        var request = HTTPClientRequest(url: url)
        request.headers.add(name: "Authorization", value: "Bearer \(token)")
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(120))
        #expect(response.status == .ok)
        var splitter = NDJSONLineSplitter()
        var lines: [JSONValue] = []
        for try await chunk in response.body {
            for line in try splitter.append(chunk) {
                lines.append(try JSONDecoder().decode(JSONValue.self, from: Data(buffer: line)))
                started?.yield()
            }
            if enough(lines) { break }
        }
        return lines
    }

    /// `since=now` skips the history: a heartbeat says where the log ends, then only events that
    /// commit afterwards come, and resuming from that heartbeat's seq misses none of them.
    @Test func aFollowerFromNowSeesOnlyNewEvents() async throws {
        try await LiveServer.run(heartbeat: .seconds(30)) { base in
            let client = OpslineClient(
                configuration: try ClientConfiguration(serverURL: base, token: LiveServer.adminSecret))
            defer { Task { try await client.shutdown() } }
            let old = try await client.createTask(
                NewTask(workflow: "complaint-escalation", title: "history", fields: ["customer": "A"]))
            let (firstLine, started) = AsyncStream.makeStream(of: Void.self)
            let following = Task {
                try await Self.follow(
                    "\(base)/v1/events?follow=true&since=now", token: LiveServer.adminSecret, started: started
                ) { lines in lines.contains { $0["type"] == "created" } }
            }
            // The first line (the heartbeat saying where now is) has arrived: the stream is open.
            for await _ in firstLine { break }
            let new = try await client.createTask(
                NewTask(workflow: "complaint-escalation", title: "new", fields: ["customer": "B"]))
            let lines = try await following.value
            let start = try #require(lines.first)
            #expect(start["type"] == "heartbeat", "the first line says where now is")
            let events = lines.filter { $0["type"] != "heartbeat" }
            #expect(!events.contains { $0["task"]?.stringValue == old.id }, "no history")
            #expect(events.first?["task"]?.stringValue == new.id)
            let startSeq = try #require(start["seq"]?.intValue)
            #expect(events.allSatisfy { ($0["seq"]?.intValue ?? 0) > startSeq })

            let resumed = try await Self.follow(
                "\(base)/v1/events?since=\(startSeq)", token: LiveServer.adminSecret
            ) { _ in false }
            // Everything after that seq is the new task's (its created and sla_started events).
            #expect(resumed.first?["seq"] == events.first?["seq"])
            #expect(!resumed.isEmpty && resumed.allSatisfy { $0["task"]?.stringValue == new.id })
        }
    }

    @Test func aFollowerSeesHistoryThenLiveEventsThenHeartbeats() async throws {
        try await LiveServer.run(heartbeat: .milliseconds(300)) { base in
            let client = OpslineClient(
                configuration: try ClientConfiguration(serverURL: base, token: LiveServer.adminSecret))
            defer { Task { try await client.shutdown() } }
            let first = try await client.createTask(
                NewTask(workflow: "complaint-escalation", title: "before", fields: ["customer": "A"]))

            let (arrived, started) = AsyncStream.makeStream(of: Void.self)
            let following = Task {
                try await Self.follow("\(base)/v1/events?follow=true", token: LiveServer.adminSecret, started: started)
                {
                    lines in
                    lines.filter { $0["type"] == "created" }.count >= 3 && lines.last?["type"] == "heartbeat"
                }
            }
            // Once the history has arrived, the next tasks' events reach the follower live.
            for await _ in arrived { break }
            for title in ["live one", "live two"] {
                _ = try await client.createTask(
                    NewTask(workflow: "complaint-escalation", title: title, fields: ["customer": "B"]))
            }
            let lines = try await following.value
            let events = lines.filter { $0["type"] != "heartbeat" }
            let seqs = events.compactMap { $0["seq"]?.intValue }
            #expect(seqs == seqs.sorted() && Set(seqs).count == seqs.count, "strictly increasing")
            #expect(events.first?["task"]?.stringValue == first.id, "history first")
            #expect(events.filter { $0["type"] == "created" }.count == 3)
            let heartbeat = try #require(lines.last)
            #expect(heartbeat["seq"]?.intValue == seqs.last, "a heartbeat carries the last seq")

            // Reconnecting with since=<last seq> sees nothing twice.
            let resumed = try await Self.follow(
                "\(base)/v1/events?follow=true&since=\(seqs[0])", token: LiveServer.adminSecret
            ) { lines in lines.last?["type"] == "heartbeat" }
            #expect(
                resumed.compactMap { $0["type"] == "heartbeat" ? nil : $0["seq"]?.intValue } == Array(seqs.dropFirst()))
        }
    }
}
