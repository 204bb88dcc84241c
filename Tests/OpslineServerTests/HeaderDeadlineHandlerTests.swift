import Foundation
import NIOCore
import Testing

/// A slowloris client cannot hold the server: a connection that does not deliver a whole request
/// head within the header timeout is closed, while requests in progress and long responses are
/// never cut. Timing bounds are loose on purpose; the machines running these are often busy.
@Suite struct HeaderDeadlineHandlerTests {
    /// The start of a request whose head never ends; one more header byte follows every 200 ms.
    static let unfinishedHead = "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Drip: "

    @Test func clientsDrippingTheirHeadersAreClosedAtTheDeadlineWhileOthersAreServed() async throws {
        let server = try await TestServer.make()
        // 3 s: a loaded machine may take a second to send even a whole request head.
        try await server.runLive(headerTimeout: .seconds(3)) { port in
            let (connected, connection) = AsyncStream.makeStream(of: Void.self)
            let slowClients = 8
            try await withThrowingTaskGroup(of: (closedAfter: Duration, answered: Int).self) { group in
                for _ in 0..<slowClients {
                    group.addTask {
                        do {
                            return try await Self.drip(port: port, opening: Self.unfinishedHead) {
                                connection.yield()
                            }
                        } catch {
                            connection.yield()  // counted, so the wait below ends and the error surfaces
                            throw error
                        }
                    }
                }
                var waiting = slowClients
                for await _ in connected {
                    waiting -= 1
                    if waiting == 0 { break }
                }
                // Every slow client is connected and dripping; a well-behaved client is answered.
                let answer = try await RawConnection.with(port: port) { client in
                    try await client.send("GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                    return await client.readResponse()
                }
                #expect(answer?.status == 200)
                #expect(answer?.body.contains(#""status":"ok""#) == true)
                for try await slow in group {
                    // The drip would go on for 60 s; the server closes it after about 3 s.
                    #expect(slow.closedAfter >= .milliseconds(2900), "closed before the deadline")
                    #expect(slow.closedAfter < .seconds(18), "not closed at the deadline")
                    #expect(slow.answered == 0, "an unfinished head got an answer")
                }
            }
        }
    }

    @Test func aClientDrippingABodyAnsweredWithoutBeingReadIsClosedAfterTheAnswer() async throws {
        let server = try await TestServer.make()
        // 8 s: time enough for the head to go out and be answered on a machine busy with other
        // work (at 3 s a starved test process sometimes sent it too late, and got no answer).
        try await server.runLive(headerTimeout: .seconds(8)) { port in
            // No token: 401 before the body is read; the server then drains the body, which
            // (one byte every 200 ms) would keep Hummingbird's idle timeout from ever firing.
            let head = "POST /v1/tasks HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n"
            let slow = try await Self.drip(port: port, opening: head) {}
            #expect(slow.answered > 0, "the request was not answered")
            #expect(slow.closedAfter >= .milliseconds(7900), "closed before the deadline")
            #expect(slow.closedAfter < .seconds(30), "not closed at the deadline")
        }
    }

    @Test func aKeepAliveConnectionIsServedAgainWithinTheDeadlineAndClosedWhenIdle() async throws {
        let server = try await TestServer.make()
        // An idle client waits 3 s, well inside the 20 s deadline, however loaded the machine (with
        // 8 s, a test process starved by a full parallel suite once sent its request too late).
        try await server.runLive(headerTimeout: .seconds(20)) { port in
            try await RawConnection.with(port: port) { client in
                let request = "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"
                try await Task.sleep(for: .seconds(3))
                try await client.send(request)
                #expect(await client.readResponse()?.status == 200)
                // 6 s or more after the connection opened, but 3 s after the previous response.
                try await Task.sleep(for: .seconds(3))
                // The deadline runs from the response, which the server writes after this send: a
                // busy test process may read it seconds later, so the bound counts from here.
                let sentAt = ContinuousClock.now
                try await client.send(request)
                #expect(await client.readResponse()?.status == 200)
                let closedAt = await client.waitUntilClosed()
                #expect(closedAt - sentAt >= .milliseconds(19900), "an idle connection closed before the deadline")
                #expect(closedAt - sentAt < .seconds(60), "an idle keep-alive connection was kept")
            }
        }
    }

    @Test func aFollowedEventStreamOutlivesTheDeadline() async throws {
        let server = try await TestServer.make()
        // 3 s rather than 1 s: on a loaded machine the request itself may take a second to go out.
        try await server.runLive(headerTimeout: .seconds(3), heartbeat: .seconds(1)) { port in
            try await RawConnection.with(port: port) { client in
                try await client.send(
                    "GET /v1/events?follow=true HTTP/1.1\r\nHost: x\r\n"
                        + "Authorization: Bearer \(TestServer.adminSecret)\r\n\r\n")
                let sent = ContinuousClock.now
                var heartbeats = 0
                var lastHeartbeat = sent
                // Heartbeats keep coming until one arrives 7 s in, more than two header timeouts later.
                while lastHeartbeat - sent < .seconds(7) {
                    let more = await client.read { Self.heartbeats(in: $0) > heartbeats }
                    try #require(more, "the stream was closed after \(ContinuousClock.now - sent)")
                    heartbeats = Self.heartbeats(in: client.received)
                    lastHeartbeat = .now
                }
                #expect(String(decoding: client.received, as: UTF8.self).hasPrefix("HTTP/1.1 200"))
            }
        }
    }

    /// Opens a connection, sends `opening`, calls `connected`, then drips one more byte every
    /// 200 ms (for 60 s at most) until the server closes the connection.
    /// - Returns: How long after opening the server closed it, and how many bytes it answered.
    private static func drip(
        port: Int, opening: String, connected: @Sendable () -> Void
    ) async throws -> (closedAfter: Duration, answered: Int) {
        try await RawConnection.with(port: port, limit: .seconds(40)) { client in
            // A machine too busy to send before the deadline finds the connection closed: at the
            // deadline, which the close time below still shows.
            try? await client.send(opening)
            connected()
            let dripping = Task { [outbound = client.outbound] in
                for _ in 0..<300 {
                    try await Task.sleep(for: .milliseconds(200))
                    try await outbound.write(ByteBuffer(string: "a"))
                }
            }
            defer { dripping.cancel() }
            let closedAt = await client.waitUntilClosed()
            return (closedAt - client.openedAt, client.received.count)
        }
    }

    /// How many heartbeat lines `bytes` holds.
    private static func heartbeats(in bytes: [UInt8]) -> Int {
        String(decoding: bytes, as: UTF8.self).components(separatedBy: #""heartbeat""#).count - 1
    }
}
