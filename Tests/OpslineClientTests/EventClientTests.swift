import Foundation
import NIOCore
@testable import OpslineClient
import Testing
import Workflow

/// ``OpslineClient/postEvents(body:atomic:)`` and ``OpslineClient/followEvents(since:filter:)``
/// against a live server.
@Suite struct EventClientTests {
    struct ReadFailure: Error, Equatable {}

    static func withClient(_ url: String, _ body: (OpslineClient) async throws -> Void) async throws {
        let configuration = try ClientConfiguration(serverURL: url, token: LiveServer.adminSecret)
        try await OpslineClient.withClient(configuration: configuration, body)
    }

    static let lines = [
        #"{"op":"create","workflow":"complaint-escalation","title":"a","fields":{"customer":"A"},"idempotency_key":"k-1"}"#,
        #"{"op":"comment","task":"CMP-1","text":"called"}"#,
        #"{"op":"create","workflow":"complaint-escalation","title":"a","fields":{"customer":"A"},"idempotency_key":"k-1"}"#,
    ]

    @Test func aBodyStreamedInChunksCutMidLineGivesOneResultPerLine() async throws {
        try await LiveServer.run { url in
            try await Self.withClient(url) { client in
                let body = Self.lines.map { $0 + "\n" }.joined()
                let (chunks, continuation) = AsyncStream.makeStream(of: ByteBuffer.self)
                for start in stride(from: 0, to: body.utf8.count, by: 17) {
                    let bytes = Array(body.utf8)[start..<min(start + 17, body.utf8.count)]
                    continuation.yield(ByteBuffer(bytes: bytes))
                }
                continuation.finish()
                let results = try await client.postEvents(body: chunks).collect()
                #expect(results.map(\.line) == [1, 2, 3])
                #expect(results.allSatisfy { $0.succeeded }, "\(results.map(\.text))")
                #expect(results.map(\.replayed) == [false, false, true])
                #expect(results[2].task?.id == results[0].task?.id, "the replay names the first task")
            }
        }
    }

    @Test func aBodyOfDataChunksIsPostedToo() async throws {
        try await LiveServer.run { url in
            try await Self.withClient(url) { client in
                let (chunks, continuation) = AsyncStream.makeStream(of: Data.self)
                continuation.yield(Data((Self.lines[0] + "\n").utf8))
                continuation.finish()
                let results = try await client.postEvents(body: chunks, atomic: true).collect()
                #expect(results.map(\.status) == [201])
            }
        }
    }

    @Test func anErrorTheBodyThrowsComesBackUnchanged() async throws {
        try await LiveServer.run { url in
            try await Self.withClient(url) { client in
                let (chunks, continuation) = AsyncThrowingStream.makeStream(of: ByteBuffer.self)
                continuation.yield(ByteBuffer(string: Self.lines[0]))
                continuation.finish(throwing: ReadFailure())
                await #expect(throws: ReadFailure.self) {
                    _ = try await client.postEvents(body: chunks).collect()
                }
            }
        }
    }

    @Test func aFollowerGetsTheLogThenHeartbeatsAsTheirOwnCase() async throws {
        try await LiveServer.run(heartbeat: .milliseconds(200)) { url in
            try await Self.withClient(url) { client in
                _ = try await client.postEvents(lines: Self.lines.compactMap { JSONValue(parsing: $0) }).collect()
                var seen: [EventStreamLine] = []
                for try await line in client.followEvents(since: 0) {
                    seen.append(line)
                    if case .heartbeat = line { break }
                }
                let events = seen.compactMap { line -> EventLine? in
                    if case .event(let event, _) = line { event } else { nil }
                }
                #expect(events.map(\.type) == ["created", "sla_started", "sla_started", "commented"])
                #expect(seen.last == .heartbeat(seq: events.last?.seq ?? -1))
                let after = try await client.events(since: events[0].seq).collect()
                #expect(after.map(\.seq) == events.dropFirst().map(\.seq))
            }
        }
    }
}
