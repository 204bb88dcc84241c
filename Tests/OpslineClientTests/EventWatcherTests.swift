import Clocks
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import OpslineClient
import Testing

/// ``EventWatcher`` against a scripted stand-in for `GET /v1/events`: each connection gets the
/// next script, which writes some lines and then ends the stream or falls silent.
@Suite struct EventWatcherTests {
    /// What one connection does.
    struct Script: Sendable {
        var lines: [String]
        /// How long to stay silent after the lines before ending the response.
        var silence: Duration = .zero
        /// The status to answer with instead of a stream.
        var refusal: HTTPResponse.Status?
    }

    /// The `since` of every connection, and the scripts still to play.
    actor Stage {
        private var scripts: [Script]
        private(set) var sinces: [String?] = []

        init(_ scripts: [Script]) { self.scripts = scripts }

        func next(since: String?) -> Script {
            sinces.append(since)
            return scripts.isEmpty ? Script(lines: [], silence: .seconds(2)) : scripts.removeFirst()
        }
    }

    /// What the watcher delivered.
    actor Delivered {
        private(set) var updates: [EventWatcher.Update] = []
        func append(_ update: EventWatcher.Update) { updates.append(update) }
        var seqs: [Int] {
            updates.compactMap { if case .event(let event, _) = $0 { event.seq } else { nil } }
        }
        var disconnections: Int {
            updates.filter { if case .disconnected = $0 { true } else { false } }.count
        }
    }

    static func event(_ seq: Int) -> String {
        #"{"actor":"alice","at":"2026-11-22T08:00:00Z","data":{},"seq":\#(seq),"task":"CMP-\#(seq)","type":"created"}"#
    }

    /// Quick retries; a stream is stale after 4 s of silence, which even a loaded machine's pauses
    /// between lines stay under, and the scripts' 10 s silences well over.
    static let fast = ReconnectPolicy(
        initialDelay: .milliseconds(50), maximumDelay: .milliseconds(200), jitter: 0, staleAfter: .seconds(4))

    /// Quick retries, and no staleness a loaded machine could reach: for tests whose server answers
    /// at once, where a slow answer must not be taken for a dead connection.
    static let patient = ReconnectPolicy(
        initialDelay: .milliseconds(50), maximumDelay: .milliseconds(200), jitter: 0, staleAfter: .seconds(120))

    /// How long a silent script keeps its connection open.
    static let silence: Duration = .seconds(10)

    /// Runs `body` with the base URL of a server that plays `stage`.
    static func serve(_ stage: Stage, _ body: @Sendable @escaping (String) async throws -> Void) async throws {
        let router = Router()
        router.get("/v1/events") { request, _ -> Response in
            let script = await stage.next(since: request.uri.queryParameters["since"].map(String.init))
            if let refusal = script.refusal {
                let line = #"{"error":{"code":"unauthenticated","message":"unknown token"}}"# + "\n"
                return Response(status: refusal, body: ResponseBody(byteBuffer: ByteBuffer(string: line)))
            }
            let body = ResponseBody { writer in
                for line in script.lines { try await writer.write(ByteBuffer(string: line + "\n")) }
                try? await Task.sleep(for: script.silence)
                try await writer.finish(nil)
            }
            return Response(status: .ok, headers: [.contentType: "application/x-ndjson"], body: body)
        }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            try await body("http://127.0.0.1:\(try #require(client.port))")
        }
    }

    /// Runs `watcher` until it has delivered `seq` (or 2 minutes pass: a hang), then cancels it.
    static func run(_ watcher: EventWatcher, until seq: Int) async -> (Delivered, Task<Void, any Error>) {
        let delivered = Delivered()
        let (reached, reach) = AsyncStream.makeStream(of: Void.self)
        let watching = Task {
            try await watcher.run { update in
                await delivered.append(update)
                if case .event(let event, _) = update, event.seq == seq { reach.yield() }
            }
        }
        let bound = Task {
            try await Task.sleep(for: .seconds(120))
            reach.finish()
        }
        for await _ in reached { break }
        bound.cancel()
        watching.cancel()
        return (delivered, watching)
    }

    /// Runs a watcher from `since` until it has delivered `seq`, then cancels it.
    static func watch(_ url: String, since: Int? = nil, until seq: Int) async throws -> Delivered {
        let client = OpslineClient(configuration: try ClientConfiguration(serverURL: url, token: "t"))
        let (delivered, watching) = await run(EventWatcher(client: client, since: since, policy: fast), until: seq)
        await #expect(throws: CancellationError.self) { try await watching.value }
        try await client.shutdown()
        return delivered
    }

    @Test func aWatchResumesAfterTheLastSeqWhenTheStreamEndsOrFallsSilentAndSkipsRepeats() async throws {
        let stage = Stage([
            Script(lines: [Self.event(1), Self.event(2)]),
            Script(lines: [Self.event(2), #"{"seq":2,"type":"heartbeat"}"#, Self.event(3)], silence: Self.silence),
            Script(lines: [Self.event(4)], silence: Self.silence),
        ])
        try await Self.serve(stage) { url in
            let delivered = try await Self.watch(url, until: 4)
            #expect(await delivered.seqs == [1, 2, 3, 4], "nothing missed, nothing twice")
            #expect(await delivered.disconnections == 2, "one ended stream, one silent connection")
            #expect(await stage.sinces == [nil, "2", "3"])
            #expect(await delivered.updates.contains(.heartbeat(seq: 2)))
        }
    }

    /// From `now`, the first connection asks for `since=now`; its first heartbeat fixes the
    /// position, so a reconnection resumes from that seq rather than from `now` again.
    @Test func aWatchFromNowResumesFromWhereNowWas() async throws {
        let stage = Stage([
            Script(lines: [#"{"seq":41,"type":"heartbeat"}"#]),
            Script(lines: [Self.event(42)], silence: Self.silence),
        ])
        try await Self.serve(stage) { url in
            let client = OpslineClient(configuration: try ClientConfiguration(serverURL: url, token: "t"))
            let (delivered, watching) = await Self.run(
                EventWatcher(client: client, fromNow: true, policy: Self.fast), until: 42)
            _ = try? await watching.value
            try await client.shutdown()
            #expect(await delivered.seqs == [42])
            #expect(await stage.sinces == ["now", "41"])
        }
    }

    /// The pause between attempts is measured on the watcher's clock: with a test clock, the
    /// second connection comes exactly when the test has moved it by the policy's delay.
    @Test func aWatchWaitsThePolicysDelayOnItsClockBeforeItReconnects() async throws {
        let stage = Stage([Script(lines: [Self.event(1)]), Script(lines: [Self.event(2)], silence: Self.silence)])
        try await Self.serve(stage) { url in
            let clock = TestClock<Duration>()
            let client = OpslineClient(configuration: try ClientConfiguration(serverURL: url, token: "t"))
            let policy = ReconnectPolicy(
                initialDelay: .seconds(1), maximumDelay: .seconds(1), jitter: 0, staleAfter: .seconds(3600))
            let (updates, update) = AsyncStream.makeStream(of: EventWatcher.Update.self)
            let watching = Task {
                try await EventWatcher(client: client, policy: policy, clock: clock).run { update.yield($0) }
            }
            var iterator = updates.makeAsyncIterator()
            while let next = await iterator.next(), !Self.isDisconnection(next) {}
            // Once the watcher sleeps on the clock, nothing happens until the test moves it.
            while (try? await clock.checkSuspension()) != nil { await Task.yield() }
            await clock.advance(by: .milliseconds(999))
            #expect(await stage.sinces == [nil], "reconnected before the delay")
            await clock.advance(by: .milliseconds(1))
            while let next = await iterator.next(), Self.seq(of: next) != 2 {}
            #expect(await stage.sinces == [nil, "1"])
            watching.cancel()
            _ = try? await watching.value
            try await client.shutdown()
        }
    }

    static func isDisconnection(_ update: EventWatcher.Update) -> Bool {
        if case .disconnected = update { true } else { false }
    }

    static func seq(of update: EventWatcher.Update) -> Int? {
        if case .event(let event, _) = update { event.seq } else { nil }
    }

    @Test func aGivenSinceIsWhereTheFirstConnectionStarts() async throws {
        let stage = Stage([Script(lines: [Self.event(8)], silence: Self.silence)])
        try await Self.serve(stage) { url in
            let delivered = try await Self.watch(url, since: 7, until: 8)
            #expect(await delivered.seqs == [8])
            #expect(await stage.sinces.first == "7")
        }
    }

    @Test func aRefusedFirstConnectionEndsTheWatchAtOnce() async throws {
        let stage = Stage([Script(lines: [], refusal: .unauthorized)])
        try await Self.serve(stage) { url in
            let client = OpslineClient(configuration: try ClientConfiguration(serverURL: url, token: "t"))
            defer { Task { try await client.shutdown() } }
            await #expect(
                throws: ClientError.server(status: 401, code: "unauthenticated", message: "unknown token", details: [:])
            ) {
                try await EventWatcher(client: client, policy: Self.patient).run { _ in }
            }
            #expect(await stage.sinces.count == 1, "not retried")
        }
    }

    @Test func anUnreachableServerEndsTheWatchAtOnce() async throws {
        let client = OpslineClient(configuration: try ClientConfiguration(serverURL: "http://127.0.0.1:1"))
        await #expect {
            try await EventWatcher(client: client, policy: Self.fast).run { _ in }
        } throws: { error in
            guard case .connection = error as? ClientError else { return false }
            return true
        }
        try await client.shutdown()
    }
}
