import Foundation
import OpslineStore
import Testing
import TestSupport
import Workflow

@testable import OpslineServer

/// `GET /v1/events`: a followed stream lasts only as long as its token, and team filters go by
/// the team a task had when each event happened.
@Suite struct EventStreamTests {
    /// A stream opened with a token that is then revoked ends with a `401 unauthenticated` error
    /// line as soon as the revocation is announced, however long its heartbeat interval: nothing
    /// written after that line, and the response ends.
    @Test func aFollowedStreamEndsWithAnErrorLineWhenItsTokenIsRevoked() async throws {
        let server = try await TestServer.make()
        let (token, secret) = try await server.database.tokens.create(name: "crm", role: .service, teams: ["support"])
        // A heartbeat an hour away: only the revocation can end the wait.
        try await server.runLive(headerTimeout: .seconds(30), heartbeat: .seconds(3600)) { port in
            try await RawConnection.with(port: port, limit: .seconds(60)) { client in
                try await client.send(Self.follow("/v1/events?follow=true&since=now", secret: secret.value))
                #expect(await client.read { Self.text($0).contains(#""heartbeat""#) }, "the stream opened")
                _ = try await Self.createComplaint(in: server, title: "before the revocation")
                #expect(await client.read { Self.text($0).contains(#""created""#) }, "the stream delivers")

                try await server.database.tokens.revoke(id: token.id)
                let ended = await client.read { Self.text($0).contains(#""unauthenticated""#) }
                #expect(ended, "no error line after the revocation: \(Self.text(client.received))")
                #expect(await client.read { Self.endsResponse($0) }, "the response did not end")
                // Nothing is delivered after the error line.
                let text = Self.text(client.received)
                let errorLine = try #require(text.range(of: #""unauthenticated""#))
                #expect(!text[errorLine.upperBound...].contains(#""created""#))
                #expect(text.contains("was revoked"))
            }
        }
    }

    /// A stream opened with a token that expires while it is followed ends at the expiry, on the
    /// server's clock: the test moves time past it rather than waiting.
    @Test func aFollowedStreamEndsWithAnErrorLineWhenItsTokenExpires() async throws {
        let time = TestTime()
        let server = try await TestServer.make(time: time)
        let (_, secret) = try await server.database.tokens.create(
            name: "crm", role: .viewer, teams: ["support"], expiresAt: time.now.addingTimeInterval(3600))
        try await server.runLive(headerTimeout: .seconds(30), heartbeat: .seconds(3600)) { port in
            try await RawConnection.with(port: port, limit: .seconds(60)) { client in
                try await client.send(Self.follow("/v1/events?follow=true&since=now", secret: secret.value))
                #expect(await client.read { Self.text($0).contains(#""heartbeat""#) }, "the stream opened")
                await time.advance(by: .seconds(3599))
                _ = try await Self.createComplaint(in: server, title: "a second before the expiry")
                #expect(await client.read { Self.text($0).contains(#""created""#) }, "the stream still delivers")

                await time.advance(by: .seconds(1))
                let ended = await client.read { Self.text($0).contains(#""unauthenticated""#) }
                #expect(ended, "no error line at the expiry: \(Self.text(client.received))")
                #expect(Self.text(client.received).contains("expired"))
                #expect(await client.read { Self.endsResponse($0) }, "the response did not end")
            }
        }
    }

    /// The request line of a followed stream with `secret`, as raw HTTP/1.1.
    static func follow(_ path: String, secret: String) -> String {
        "GET \(path) HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(secret)\r\n\r\n"
    }

    static func text(_ bytes: [UInt8]) -> String {
        String(decoding: bytes, as: UTF8.self)
    }

    /// Whether `bytes` hold the end of a chunked response: its last, empty chunk.
    static func endsResponse(_ bytes: [UInt8]) -> Bool {
        text(bytes).hasSuffix("\r\n0\r\n\r\n")
    }

    /// Creates a complaint (owned by `support`) as the system, and returns it.
    static func createComplaint(in server: TestServer, title: String) async throws -> TaskRecord {
        var task = NewTask(workflow: "complaint-escalation", title: title)
        task.fields = ["customer": "ACME"]
        return try await server.database.tasks.create(task, caller: .system("admin"), authorize: .system)
    }
}

// MARK: - Teams: an event belongs to the team its task had when it happened

extension EventStreamTests {
    /// A `support` follower that stopped at `seq` N resumes after the task moved to `billing`:
    /// it gets what happened while the task was support's, the move itself, and nothing after.
    /// `billing` sees the move and what follows, never the history from before the task came.
    /// The caller's own teams filter the same way as `team=`.
    @Test func aTeamFollowerResumingAfterATeamChangeSeesWhatHappenedInItsTeam() async throws {
        let server = try await TestServer.make()
        let supportViewer = try await server.mint(.viewer, teams: ["support"])
        let billingViewer = try await server.mint(.viewer, teams: ["billing"])
        try await server.run { api in
            let id = try await api.createComplaint()
            let seen = try await api.send(.get, "/v1/events?team=support")
            let resumeFrom = try #require(seen.lines.last?["seq"]?.intValue)
            #expect(seen.lines.allSatisfy { $0["task"]?.stringValue == id })

            let missed = try await api.send(.post, "/v1/tasks/\(id)/comments", body: #"{"text":"still support's"}"#)
            #expect(missed.status == .created)
            let moved = try await api.send(.patch, "/v1/tasks/\(id)", body: #"{"team":"billing"}"#)
            #expect(moved.status == .ok)
            let later = try await api.send(.post, "/v1/tasks/\(id)/comments", body: #"{"text":"billing's now"}"#)
            #expect(later.status == .created)

            let all = try await api.send(.get, "/v1/events?task=\(id)").lines
            let texts: ([JSONValue]) -> [String] = { lines in
                lines.map { line in
                    line["data"]?["text"]?.stringValue ?? line["type"]?.stringValue ?? "?"
                }
            }
            let beforeMove = all.filter { ($0["seq"]?.intValue ?? 0) <= resumeFrom }
            let move = try #require(all.first { $0["type"] == "assigned" })
            #expect(move["data"]?["team"] == ["from": "support", "to": "billing"])

            // Resuming support's filter: the missed comment and the move, not billing's comment.
            for (path, token) in [
                ("/v1/events?since=\(resumeFrom)&team=support", TestServer.adminSecret),
                ("/v1/events?since=\(resumeFrom)", supportViewer),
            ] {
                let resumed = try await api.send(.get, path, token: token)
                #expect(resumed.status == .ok)
                #expect(texts(resumed.lines) == ["still support's", "assigned"], "\(path): \(resumed.text)")
            }
            // Billing: the move and what came after, none of the history before it.
            for (path, token) in [
                ("/v1/events?team=billing", TestServer.adminSecret), ("/v1/events", billingViewer),
            ] {
                let billing = try await api.send(.get, path, token: token)
                #expect(texts(billing.lines) == ["assigned", "billing's now"], "\(path): \(billing.text)")
            }
            // Support's view of the whole log ends with the move.
            let support = try await api.send(.get, "/v1/events", token: supportViewer)
            #expect(texts(support.lines) == texts(beforeMove) + ["still support's", "assigned"])

            // The task's own history goes with the task: its new team reads all of it, the old
            // team no longer sees the task at all.
            let history = try await api.send(.get, "/v1/tasks/\(id)/events", token: billingViewer)
            #expect(history.lines.count == all.count)
            let gone = try await api.send(.get, "/v1/tasks/\(id)/events", token: supportViewer)
            #expect(gone.status == .notFound)
        }
    }

    /// A followed stream filtered by team keeps delivering a task's events while it is the
    /// team's, the move out included, and nothing after.
    @Test func aFollowedTeamStreamSeesATaskLeave() async throws {
        let server = try await TestServer.make()
        try await server.addTeams("billing")
        let supportViewer = try await server.mint(.viewer, teams: ["support"])
        try await server.runLive(headerTimeout: .seconds(30), heartbeat: .seconds(3600)) { port in
            try await RawConnection.with(port: port, limit: .seconds(60)) { client in
                try await client.send(Self.follow("/v1/events?follow=true&since=now", secret: supportViewer))
                #expect(await client.read { Self.text($0).contains(#""heartbeat""#) }, "the stream opened")
                let task = try await Self.createComplaint(in: server, title: "leaves support")
                var move = TaskUpdate(taskID: task.id)
                move.team = .some("billing")
                _ = try await server.database.tasks.apply(.update(move), caller: .system("admin"), authorize: .system)
                _ = try await server.database.tasks.apply(
                    .comment(taskID: task.id, text: "after the move"), caller: .system("admin"), authorize: .system)
                // A marker in support, committed after the comment: once it arrives, the comment
                // would have too.
                let marker = try await Self.createComplaint(in: server, title: "marker")
                #expect(
                    await client.read { Self.text($0).contains(#""task":"\#(marker.id)""#) }, "the stream delivers")
                let text = Self.text(client.received)
                #expect(text.contains(#""type":"assigned""#), "the move out is support's too")
                #expect(!text.contains("after the move"), "billing's comment reached support: \(text)")
            }
        }
    }
}
