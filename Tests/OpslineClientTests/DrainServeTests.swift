import AsyncHTTPClient
import Foundation
import NIOCore
import NIOPosix
import Testing
import TestSupport
import Workflow

#if canImport(Glibc)
    import Glibc
#endif

/// `SIGTERM` while clients write: the server drains — no new connections, requests in flight
/// finish, followers get a final line, `/readyz` answers 503 — and loses nothing it acknowledged.
@Suite struct DrainServeTests {
    static let secret = "drain-admin-secret"
    static let drainTimeout: Duration = .seconds(20)
    /// The writers' client: a refused connection fails at once, as with ``OpslineClient`` (the
    /// shared client would retry it until the request's deadline, which is no server's doing).
    /// Static: it lives as long as the test process.
    static let writerClient: HTTPClient = {
        var configuration = HTTPClient.Configuration(redirectConfiguration: .disallow)
        configuration.connectionPool.retryConnectionEstablishment = false
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }()

    /// The dashboard's live stream (`/ui/events`) of a browser signed in with the admin token.
    static func dashboardStream(_ baseURL: String) async throws -> HTTPClientResponse {
        let form = try await writerClient.execute(HTTPClientRequest(url: "\(baseURL)/ui/login"), timeout: .seconds(60))
        let login = try #require(Self.cookie("opsline_login", in: form))
        var signIn = HTTPClientRequest(url: "\(baseURL)/ui/login")
        signIn.method = .POST
        signIn.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        signIn.headers.add(name: "Cookie", value: "opsline_login=\(login)")
        signIn.body = .bytes(ByteBuffer(string: "csrf=\(login)&token=\(secret)&next=%2Fui"))
        let signedIn = try await writerClient.execute(signIn, timeout: .seconds(60))
        let session = try #require(Self.cookie("opsline_session", in: signedIn), "\(signedIn.status)")
        var events = HTTPClientRequest(url: "\(baseURL)/ui/events")
        events.headers.add(name: "Cookie", value: "opsline_session=\(session)")
        let stream = try await writerClient.execute(events, timeout: .seconds(120))
        try #require(stream.status == .ok)
        return stream
    }

    /// The value `response` sets the cookie `name` to.
    static func cookie(_ name: String, in response: HTTPClientResponse) -> String? {
        response.headers["Set-Cookie"].lazy.compactMap { header -> String? in
            guard header.hasPrefix("\(name)=") else { return nil }
            return String(header.dropFirst(name.count + 1).prefix { $0 != ";" })
        }.first
    }

    /// One `create` line with an idempotency key.
    static func line(_ key: String) -> String {
        #"{"op":"create","workflow":"complaint-escalation","title":"drain \#(key)","fields":{"customer":"Drain"},"idempotency_key":"\#(key)"}"#
            + "\n"
    }

    @Test func sigtermMidLoadLosesNoAcknowledgedCommandAndEndsFollowersWithAFinalLine() async throws {
        let databaseURL = try await TestCluster.shared.makeDatabase()
        let workflows = LiveServer.repositoryRoot.appendingPathComponent("workflows")
        let server = try ServerReplica(
            name: "drain", database: .url(databaseURL), workflows: workflows, adminSecret: Self.secret,
            arguments: ["--drain-timeout", "\(Self.drainTimeout.components.seconds)s"])
        try await server.waitUntilReady()
        let port = Int(server.baseURL.split(separator: ":").last!)!

        // A follower, reading until the server ends its stream.
        var follow = HTTPClientRequest(url: "\(server.baseURL)/v1/events?since=now&follow=true")
        follow.headers.add(name: "Authorization", value: "Bearer \(Self.secret)")
        let stream = try await HTTPClient.shared.execute(follow, timeout: .seconds(120))
        try #require(stream.status == .ok)
        let follower = Task { () -> [String] in
            var text = ""
            for try await chunk in stream.body { text += String(buffer: chunk) }
            return text.split(separator: "\n").map(String.init)
        }

        // The dashboard's live updates, read until the server ends them.
        let dashboard = try await Self.dashboardStream(server.baseURL)
        let browser = Task { () -> String in
            var text = ""
            for try await chunk in dashboard.body { text += String(buffer: chunk) }
            return text
        }

        // A request held in flight: its head and half its body, the rest sent during the drain;
        // behind a `/healthz` in the same write, whose answer says the server read the head.
        let held = try await HeldConnection.open(port: port)
        let heldLine = Self.line("drain-held")
        let split = heldLine.index(heldLine.startIndex, offsetBy: 20)
        held.send(
            "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                + "POST /v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(Self.secret)\r\n"
                + "Content-Type: application/x-ndjson\r\nContent-Length: \(heldLine.utf8.count)\r\n\r\n"
                + String(heldLine[..<split]))
        #expect(await held.read(until: #"{"status":"ok"}"#), "\(held.received)")

        // Writers: each posts one command at a time until the server stops taking them.
        let load = Load()
        let baseURL = server.baseURL
        let writers = Task {
            await withTaskGroup(of: Void.self) { group in
                for writer in 0..<4 {
                    group.addTask { await load.write(as: writer, to: baseURL) }
                }
            }
        }
        // A hang bound: a server that acknowledges nothing fails the test after two minutes.
        let bound = Task {
            try await Task.sleep(for: .seconds(120))
            await load.releaseWaiters()
        }
        await load.waitForAcknowledged(atLeast: 20)
        bound.cancel()
        try #require(await load.acknowledged.count >= 20, "\(server)")

        await load.beginDraining()
        let signalledAt = ContinuousClock.now
        server.signal(SIGTERM)
        // The follower's stream ends with a line saying why: the drain has begun.
        let lines = try await follower.value
        let last = try #require(lines.last)
        #expect(last.contains(#""code":"unavailable""#) && last.contains("shutting down"), "\(lines.suffix(3))")
        #expect(last.contains(#""message":"the server is shutting down; reconnect with since="#), "\(last)")

        // The dashboard's stream ends with a `shutdown` event (the browser reconnects elsewhere).
        let events = try await browser.value
        #expect(events.hasSuffix("event: shutdown\ndata: the server is shutting down\n\n"), "\(events.suffix(200))")

        // The held request finishes; behind it on the same connection, `/readyz` says 503 and
        // `/healthz` still 200.
        held.send(
            String(heldLine[split...]) + "GET /readyz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                + "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        let answers = await held.answers()
        let statuses = answers.components(separatedBy: "HTTP/1.1 ").dropFirst().compactMap { Int($0.prefix(3)) }
        #expect(statuses == [200, 200, 503, 200], "\(answers)")
        #expect(answers.contains(#""status":201"#), "the held command was applied: \(answers)")
        #expect(answers.contains(#""message":"the server is shutting down""#), "\(answers)")

        // New connections are refused while the server drains and stops.
        #expect(await server.waitForExit(timeout: .seconds(120)), "\(server)")
        let stoppedAfter = ContinuousClock.now - signalledAt
        #expect(server.ending == "exit 0", "\(server)")
        // The drain ends by the timeout at the latest (requests in flight usually finish well
        // before); the scheduler, the listeners and the pool stop after it.
        #expect(stoppedAfter < Self.drainTimeout + .seconds(30), "\(stoppedAfter)\n\(server)")
        await writers.value
        let (acknowledged, lastEnded) = await (load.acknowledged, load.lastEnded)
        let writingEnded = try #require(lastEnded) - signalledAt
        #expect(
            writingEnded < Self.drainTimeout + .seconds(10), "no request hung past the drain timeout: \(writingEnded)")

        // Every command acknowledged is in the database: posted again to a new server, each is
        // a replay of the first outcome.
        let again = try ServerReplica(
            name: "drain-after", database: .url(databaseURL), workflows: workflows, adminSecret: Self.secret)
        try await again.waitUntilReady()
        let replays = try await again.request(
            "/v1/events", body: (acknowledged + ["drain-held"]).map(Self.line).joined(), token: Self.secret)
        #expect(replays.count == acknowledged.count + 1)
        let notReplayed = replays.filter { $0["replayed"] != .bool(true) }
        #expect(notReplayed.isEmpty, "acknowledged but not in the database: \(notReplayed.prefix(3))")
        try await again.terminate()
    }

    @Test func aRequestStillRunningAtTheDrainTimeoutIsCutOffAndTheServerStops() async throws {
        let server = try ServerReplica(
            name: "drain-timeout", database: .url(try await TestCluster.shared.makeDatabase()),
            workflows: LiveServer.repositoryRoot.appendingPathComponent("workflows"), adminSecret: Self.secret,
            arguments: ["--drain-timeout", "2s", "--body-timeout", "5m"])
        try await server.waitUntilReady()
        let port = Int(server.baseURL.split(separator: ":").last!)!
        // A body that never arrives: only the drain timeout ends this request. A `/healthz`
        // first, in the same write: once its answer is back, the server has read the POST's head
        // too, so the POST is in flight when the drain begins.
        let held = try await HeldConnection.open(port: port)
        held.send(
            "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                + "POST /v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(Self.secret)\r\n"
                + "Content-Type: application/x-ndjson\r\nContent-Length: 1000\r\n\r\n{\"op\":")
        #expect(await held.read(until: #"{"status":"ok"}"#), "\(held.received)")
        let signalledAt = ContinuousClock.now
        server.signal(SIGTERM)
        try await server.waitForLog("drain timeout passed")
        _ = await held.answers()
        #expect(await server.waitForExit(timeout: .seconds(60)), "\(server)")
        let stoppedAfter = ContinuousClock.now - signalledAt
        #expect(server.ending == "exit 0", "\(server)")
        #expect(stoppedAfter >= .seconds(2), "the drain waited for the request: \(stoppedAfter)")
        #expect(stoppedAfter < .seconds(60), "and not for its body: \(stoppedAfter)")
    }
}

/// The writers' record: the keys the server acknowledged, and when the last request ended.
private actor Load {
    private(set) var acknowledged: [String] = []
    /// When the last request ended, answered or not.
    private(set) var lastEnded: ContinuousClock.Instant?
    private var draining = false
    private var waiters: [(count: Int, continuation: CheckedContinuation<Void, Never>)] = []

    /// Posts commands one after another as `writer` until one is not acknowledged.
    nonisolated func write(as writer: Int, to baseURL: String) async {
        for number in 0... {
            let key = "drain-\(writer)-\(number)"
            var request = HTTPClientRequest(url: "\(baseURL)/v1/events")
            request.method = .POST
            request.headers.add(name: "Authorization", value: "Bearer \(DrainServeTests.secret)")
            request.headers.add(name: "Content-Type", value: "application/x-ndjson")
            request.body = .bytes(ByteBuffer(string: DrainServeTests.line(key)))
            var applied = false
            if let response = try? await DrainServeTests.writerClient.execute(request, timeout: .seconds(90)),
                response.status == .ok,
                let body = try? await response.body.collect(upTo: 1 << 20)
            {
                applied = String(buffer: body).contains(#""status":201"#)
            }
            // Before the drain a refusal (an overloaded test machine) is tried again; during it,
            // the first ends this writer.
            if await !record(key: applied ? key : nil) { return }
        }
    }

    /// Records a request's end; returns whether the writer goes on.
    private func record(key: String?) -> Bool {
        lastEnded = max(lastEnded ?? .now, .now)
        guard let key else { return !draining }
        acknowledged.append(key)
        let reached = acknowledged.count
        waiters.removeAll { waiter in
            guard reached >= waiter.count else { return false }
            waiter.continuation.resume()
            return true
        }
        return true
    }

    /// From now on a request not acknowledged ends its writer.
    func beginDraining() { draining = true }

    /// Returns once `count` commands were acknowledged.
    func waitForAcknowledged(atLeast count: Int) async {
        guard acknowledged.count < count else { return }
        await withCheckedContinuation { waiters.append((count: count, continuation: $0)) }
    }

    /// Lets every ``waitForAcknowledged(atLeast:)`` return, however many were acknowledged.
    func releaseWaiters() {
        for waiter in waiters { waiter.continuation.resume() }
        waiters.removeAll()
    }
}

/// A bare TCP connection: a request sent in pieces (``send(_:)``), and what the server writes
/// back (``read(until:)``, ``answers()``).
private final class HeldConnection {
    private let pieces: AsyncStream<String>.Continuation
    private var chunks: AsyncStream<String>.Iterator
    /// Everything read so far.
    private(set) var received = ""
    private let connection: Task<Void, any Error>

    private init(
        pieces: AsyncStream<String>.Continuation, chunks: AsyncStream<String>, connection: Task<Void, any Error>
    ) {
        self.pieces = pieces
        self.chunks = chunks.makeAsyncIterator()
        self.connection = connection
    }

    deinit { connection.cancel() }

    /// Connects to `127.0.0.1:port`.
    static func open(port: Int) async throws -> HeldConnection {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        let (toSend, pieces) = AsyncStream.makeStream(of: String.self)
        let (chunks, receiving) = AsyncStream.makeStream(of: String.self)
        let connection = Task {
            try await channel.executeThenClose { inbound, outbound in
                try await withThrowingTaskGroup(of: Bool.self) { group in
                    group.addTask {
                        do {
                            for try await chunk in inbound { receiving.yield(String(buffer: chunk)) }
                        } catch {}  // a reset ends the answers too
                        receiving.finish()
                        return true
                    }
                    group.addTask {
                        for await piece in toSend { try await outbound.write(ByteBuffer(string: piece)) }
                        return false
                    }
                    group.addTask {
                        // A hang bound: a server that never closes fails the test, not hangs it.
                        try await Task.sleep(for: .seconds(120))
                        receiving.yield("(the server did not close the connection within 2 minutes)")
                        receiving.finish()
                        return true
                    }
                    // Until the reading ends (the server closed) or the hang bound passed.
                    while let closed = try await group.next(), !closed {}
                    group.cancelAll()
                }
            }
        }
        return HeldConnection(pieces: pieces, chunks: chunks, connection: connection)
    }

    /// Sends `text` as it is.
    func send(_ text: some StringProtocol) {
        pieces.yield(String(text))
    }

    /// Reads until what was received holds `text`; returns whether it came before the close.
    func read(until text: String) async -> Bool {
        while !received.contains(text) {
            guard let chunk = await chunks.next() else { return false }
            received += chunk
        }
        return true
    }

    /// Everything the server wrote, once it closed the connection; nothing more is sent.
    func answers() async -> String {
        pieces.finish()
        while let chunk = await chunks.next() { received += chunk }
        return received
    }
}
