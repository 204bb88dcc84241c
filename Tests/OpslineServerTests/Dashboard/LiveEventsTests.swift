import Foundation
import OpslineStore
import Testing

@testable import OpslineServer

/// `/ui/events`: the dashboard's live stream, as Server-Sent Events over a real socket.
@Suite struct LiveEventsTests {
    /// A session for `user`, signed in with a password, and its cookie's secret.
    private static func session(_ user: String, in server: TestServer) async throws -> String {
        let (_, secret) = try await server.database.sessions.create(for: .password(user: user), idle: .seconds(3600))
        return secret.value
    }

    private static func open(_ path: String, cookie: String, lastEventID: String? = nil) -> String {
        let resume = lastEventID.map { "Last-Event-ID: \($0)\r\n" } ?? ""
        return "GET \(path) HTTP/1.1\r\nHost: x\r\nAccept: text/event-stream\r\nCookie: opsline_session=\(cookie)\r\n"
            + resume + "\r\n"
    }

    /// The `id:` lines of the `change` events received, in order. The chunked framing's "\r\n"
    /// is one Swift `Character`, which no "\n" matches: it is made a "\n" first.
    private static func changeIDs(_ bytes: [UInt8]) -> [Int64] {
        let text = EventStreamTests.text(bytes).replacingOccurrences(of: "\r\n", with: "\n")
        return text.components(separatedBy: "\n\n").compactMap { message in
            guard message.contains("event: change") else { return nil }
            return message.components(separatedBy: "\n").first { $0.hasPrefix("id: ") }.flatMap {
                Int64($0.dropFirst(4))
            }
        }
    }

    @Test func aChangeArrivesWithItsSeqTaskAndWorkflowAndAResumeRepeatsNothing() async throws {
        let server = try await TestServer.make()
        try await server.addUser("mia", ["support": .manager])
        let cookie = try await Self.session("mia", in: server)
        try await server.runLive(headerTimeout: .seconds(30), heartbeat: .seconds(3600)) { port in
            let first = try await EventStreamTests.createComplaint(in: server, title: "first")
            let seen = try await RawConnection.with(port: port, limit: .seconds(60)) { client in
                try await client.send(Self.open("/ui/events?after=0", cookie: cookie))
                #expect(
                    await client.read { Self.changeIDs($0).count >= 1 }, "\(EventStreamTests.text(client.received))")
                let text = EventStreamTests.text(client.received)
                #expect(text.contains("Content-Type: text/event-stream"))
                #expect(text.contains("retry: 1000"))
                #expect(text.contains(#""task":"\#(first.id)""#))
                #expect(text.contains(#""workflow":"complaint-escalation""#))
                return Self.changeIDs(client.received)
            }
            // The browser comes back with the last id it saw: only what came after.
            let second = try await EventStreamTests.createComplaint(in: server, title: "second")
            try await RawConnection.with(port: port, limit: .seconds(60)) { client in
                try await client.send(Self.open("/ui/events?after=0", cookie: cookie, lastEventID: "\(seen.last!)"))
                #expect(await client.read { EventStreamTests.text($0).contains(second.id) })
                let ids = Self.changeIDs(client.received)
                #expect(ids.allSatisfy { $0 > seen.last! }, "nothing twice: \(ids) after \(seen)")
                #expect(!EventStreamTests.text(client.received).contains(first.id))
            }
        }
    }

    @Test func aMemberHearsOnlyTheirTeamsChanges() async throws {
        let server = try await TestServer.make()
        try await server.addUser("bo", ["billing": .member])
        let cookie = try await Self.session("bo", in: server)
        try await server.runLive(headerTimeout: .seconds(30), heartbeat: .seconds(3600)) { port in
            try await RawConnection.with(port: port, limit: .seconds(60)) { client in
                try await client.send(Self.open("/ui/events", cookie: cookie))
                #expect(await client.read { EventStreamTests.text($0).contains(": heartbeat") }, "opened from now")
                let hidden = try await EventStreamTests.createComplaint(in: server, title: "support's")
                var task = NewTask(workflow: "complaint-escalation", title: "billing's")
                task.team = "billing"
                task.fields = ["customer": "B"]
                let visible = try await server.database.tasks.create(task, caller: .system("admin"), authorize: .system)
                #expect(await client.read { EventStreamTests.text($0).contains(visible.id) })
                #expect(!EventStreamTests.text(client.received).contains(hidden.id))
            }
        }
    }

    @Test func signingOutEndsTheOpenStreamAtOnceWithAnEndedEvent() async throws {
        let server = try await TestServer.make()
        try await server.addUser("mia", ["support": .manager])
        let cookie = try await Self.session("mia", in: server)
        try await server.runLive(headerTimeout: .seconds(30), heartbeat: .seconds(3600)) { port in
            try await RawConnection.with(port: port, limit: .seconds(60)) { client in
                try await client.send(Self.open("/ui/events", cookie: cookie))
                #expect(await client.read { EventStreamTests.text($0).contains(": heartbeat") })
                try await server.database.sessions.revoke(SessionSecret(cookie))
                #expect(await client.read { EventStreamTests.text($0).contains("event: ended") })
                #expect(await client.read { EventStreamTests.endsResponse($0) }, "the response ends")
            }
            // The browser's reconnect is refused, not sent to sign in (EventSource gives up on a
            // non-200), and is handed no sign-in cookie; so is the page's own re-read.
            for request in [
                Self.open("/ui/events", cookie: cookie, lastEventID: "1"),
                "GET /ui/ HTTP/1.1\r\nHost: x\r\nX-Opsline-Live: 1\r\nCookie: opsline_session=\(cookie)\r\n\r\n",
            ] {
                try await RawConnection.with(port: port, limit: .seconds(60)) { client in
                    try await client.send(request)
                    #expect(await client.read { EventStreamTests.text($0).contains("\r\n\r\n") })
                    let head = EventStreamTests.text(client.received).components(separatedBy: "\r\n\r\n")[0]
                    #expect(head.hasPrefix("HTTP/1.1 401"), "\(head)")
                    #expect(!head.lowercased().contains("set-cookie"), "\(head)")
                }
            }
        }
    }

    @Test func aCursorThatIsNotASeqIsABadRequestPage() async throws {
        let server = try await TestServer.make()
        try await server.addUser("mia", ["support": .manager])
        let cookie = try await Self.session("mia", in: server)
        try await server.runLive(headerTimeout: .seconds(30), heartbeat: .seconds(3600)) { port in
            try await RawConnection.with(port: port, limit: .seconds(60)) { client in
                try await client.send(Self.open("/ui/events?after=-3", cookie: cookie))
                let answer = await client.readResponse()
                #expect(answer?.status == 400)
                #expect(answer?.body.contains("after must be an event seq") == true)
            }
        }
    }
}
