import Foundation
import NIOCore
import NIOPosix

/// A bare TCP connection to a live test server: it sends whatever bytes a test gives it and
/// reads whatever comes back, so a test can misbehave the way no HTTP library lets it — drip a
/// request head a byte at a time, or sit idle between requests.
final class RawConnection {
    /// When the connection was opened.
    let openedAt: ContinuousClock.Instant
    /// The sending side; `Sendable`, so a child task can drip bytes while the test reads.
    let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    private var inbound: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
    /// Bytes read and not yet taken by `readResponse()`.
    private(set) var received: [UInt8] = []
    /// When the connection was found closed (end of stream or reset), once it was.
    private(set) var closedAt: ContinuousClock.Instant?

    private init(
        openedAt: ContinuousClock.Instant, inbound: NIOAsyncChannelInboundStream<ByteBuffer>,
        outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    ) {
        self.openedAt = openedAt
        self.inbound = inbound.makeAsyncIterator()
        self.outbound = outbound
    }

    /// Connects to `127.0.0.1:port`, runs `body`, then closes the connection.
    /// - Parameter limit: After this long the connection is closed from this side, so a server
    ///   that never closes it cannot hang the test; the test then sees a close at `limit`, which
    ///   its timing expectations reject.
    static func with<Value: Sendable>(
        port: Int, limit: Duration = .seconds(30), _ body: (RawConnection) async throws -> Value
    ) async throws -> Value {
        let openedAt = ContinuousClock.now
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        let watchdog = Task { [channel = channel.channel] in
            try await Task.sleep(for: limit)
            channel.close(promise: nil)
        }
        defer { watchdog.cancel() }
        return try await channel.executeThenClose { inbound, outbound in
            try await body(RawConnection(openedAt: openedAt, inbound: inbound, outbound: outbound))
        }
    }

    /// Sends `text` as it is.
    func send(_ text: String) async throws {
        try await outbound.write(ByteBuffer(string: text))
    }

    /// Reads until `enough(received)` holds or the connection closes.
    /// - Returns: Whether `enough` held.
    func read(until enough: ([UInt8]) -> Bool) async -> Bool {
        while !enough(received) {
            guard closedAt == nil else { return false }
            do {
                if let chunk = try await inbound.next() {
                    received += chunk.readableBytesView
                } else {
                    closedAt = .now
                }
            } catch {
                closedAt = .now  // a reset is a close too
            }
        }
        return true
    }

    /// Waits until the connection closes.
    /// - Returns: When it closed.
    func waitUntilClosed() async -> ContinuousClock.Instant {
        _ = await read { _ in false }
        return closedAt ?? .now
    }

    /// Reads one response whose body has a `Content-Length`, and takes it out of `received`.
    /// - Returns: Its status and body, or nil when the connection closed first.
    func readResponse() async -> (status: Int, body: String)? {
        guard await read(until: { Self.responseLength(in: $0) != nil }),
            let length = Self.responseLength(in: received)
        else { return nil }
        let response = String(decoding: received[..<length], as: UTF8.self)
        received.removeFirst(length)
        let statusLine = response.prefix { $0 != "\r\n" }.split(separator: " ")  // "\r\n" is one Character
        guard statusLine.count >= 2, let status = Int(statusLine[1]) else { return nil }
        return (status, String(response[response.range(of: "\r\n\r\n")!.upperBound...]))
    }

    /// The length of the whole response at the start of `bytes`, once all of it is there.
    private static func responseLength(in bytes: [UInt8]) -> Int? {
        let text = String(decoding: bytes, as: UTF8.self)
        guard let headEnd = text.range(of: "\r\n\r\n") else { return nil }
        let head = text[..<headEnd.lowerBound].lowercased()
        let bodyLength =
            head.split(separator: "\r\n")
            .first { $0.hasPrefix("content-length:") }
            .flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) } ?? 0
        let length = text[..<headEnd.upperBound].utf8.count + bodyLength
        return bytes.count >= length ? length : nil
    }
}
