import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// One follower of `GET /v1/events?since=now&follow=true` during an HTTP round, on a thread of
/// its own, handing each `transitioned` event to a `CommitLedger` as it arrives.
///
/// It reads the chunked NDJSON body straight off a blocking socket and looks for the three keys
/// it needs by their bytes rather than decoding JSON, so that it takes as little CPU as it can
/// from the server and PostgreSQL it measures. The server writes event lines with sorted keys:
/// `{"actor":…,"at":…,"data":{…,"to":"…",…},"seq":…,"task":"…","type":"transitioned"}`; the
/// benchmark's moves carry no `fields`, so the first `"to":"` of a line is the data's.
final class FollowerProbe: Sendable {
    private let socket: Int32

    /// Connects, asks for the stream and waits for its first line (the heartbeat of `since=now`),
    /// so that every event committed after this returns is delivered to the probe.
    static func open(url: String, token: String) async throws -> FollowerProbe {
        try await onOwnThread {
            guard let base = URL(string: url), let host = base.host else { throw BenchFailure("bad URL \(url)") }
            let socket = try connectedSocket(host: host, port: base.port ?? 80)
            let probe = FollowerProbe(socket: socket)
            let request =
                "GET /v1/events?since=now&follow=true HTTP/1.1\r\nHost: \(host)\r\nAuthorization: Bearer \(token)\r\n\r\n"
            let bytes = Array(request.utf8)
            guard bytes.withUnsafeBytes({ send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }) == bytes.count
            else { throw BenchFailure("the follower could not send its request") }
            return probe
        }
    }

    private init(socket: Int32) {
        self.socket = socket
    }

    deinit { close(socket) }

    /// Reads the stream until `stop()`, passing each `transitioned` event to `ledger`. The first
    /// line must be the heartbeat; `ready` is called once it has arrived.
    func run(ledger: CommitLedger, ready: @escaping @Sendable () -> Void) throws {
        var reader = ChunkedLines(socket: socket)
        try reader.readHead()
        guard let first = try reader.nextLine(), first.contains(Self.heartbeat) else {
            throw BenchFailure("the event stream did not start with a heartbeat")
        }
        ready()
        while let line = try reader.nextLine() {
            let arrived = ContinuousClock.now
            guard line.contains(Self.transitioned) else { continue }
            guard let task = line.value(after: Self.taskKey), let to = line.value(after: Self.toKey) else {
                throw BenchFailure(
                    "an event line without task or data.to: \(String(decoding: line.prefix(200), as: UTF8.self))")
            }
            ledger.arrived(task: task, to: to, at: arrived)
        }
    }

    // Searched for as bytes: at 15,000 events a second, Strings and Foundation's searches made
    // the probe the slowest reader of the stream it measures.
    private static let heartbeat = Array(#""type":"heartbeat""#.utf8)
    private static let transitioned = Array(#""type":"transitioned""#.utf8)
    private static let taskKey = Array(#""task":""#.utf8)
    private static let toKey = Array(#""to":""#.utf8)

    /// Ends `run` (its read returns the end of the stream).
    func stop() {
        shutdown(socket, Int32(SHUT_RDWR))
    }
}

extension ArraySlice<UInt8> {
    /// Where `pattern` first occurs, counted from `startIndex`.
    fileprivate func offset(of pattern: [UInt8]) -> Int? {
        guard let first = pattern.first else { return 0 }
        var candidate = startIndex
        while let found = self[candidate...].firstIndex(of: first) {
            guard found + pattern.count <= endIndex else { return nil }
            if self[found..<(found + pattern.count)].elementsEqual(pattern) { return found - startIndex }
            candidate = found + 1
        }
        return nil
    }

    fileprivate func contains(_ pattern: [UInt8]) -> Bool { offset(of: pattern) != nil }

    /// The characters after `key` up to the next `"` (the key's string value; no escapes expected).
    fileprivate func value(after key: [UInt8]) -> String? {
        guard let offset = offset(of: key) else { return nil }
        let start = startIndex + offset + key.count
        guard let end = self[start...].firstIndex(of: UInt8(ascii: "\"")) else { return nil }
        return String(decoding: self[start..<end], as: UTF8.self)
    }
}

/// The lines of a chunked HTTP/1.1 response body, read from a blocking socket.
private struct ChunkedLines {
    let socket: Int32
    private var buffer: [UInt8] = []
    private var index = 0
    /// Body bytes left in the current chunk.
    private var chunkLeft = 0
    private var body: [UInt8] = []
    /// Where the unread part of `body` starts: lines are consumed by moving it, and the read
    /// bytes dropped only once they are most of `body`, since removing each line from the front
    /// moved a whole page of events per line and made the probe fall seconds behind the server.
    private var bodyStart = 0
    private var ended = false

    init(socket: Int32) {
        self.socket = socket
    }

    /// Reads the status line and headers; fails unless the answer is a chunked 200.
    mutating func readHead() throws {
        let status = try rawLine()
        guard status.hasPrefix("HTTP/1.1 200") else { throw BenchFailure("the event stream answered \(status)") }
        var chunked = false
        while case let header = try rawLine(), !header.isEmpty {
            if header.lowercased().hasPrefix("transfer-encoding:"), header.lowercased().contains("chunked") {
                chunked = true
            }
        }
        guard chunked else { throw BenchFailure("the event stream is not chunked") }
    }

    /// The next NDJSON line of the body, or nil at its end (or when the socket is shut down).
    mutating func nextLine() throws -> ArraySlice<UInt8>? {
        while true {
            if let newline = body[bodyStart...].firstIndex(of: UInt8(ascii: "\n")) {
                let line = body[bodyStart..<newline]
                bodyStart = newline + 1
                if bodyStart > 65_536, bodyStart * 2 > body.count {
                    body.removeSubrange(..<bodyStart)
                    bodyStart = 0
                }
                return line
            }
            guard !ended, try readBody() else { return nil }
        }
    }

    /// Moves more body bytes into `body`; false at the end of the stream.
    private mutating func readBody() throws -> Bool {
        if chunkLeft == 0 {
            guard let sizeLine = try? rawLine(), let size = Int(sizeLine.split(separator: ";").first ?? "", radix: 16)
            else { return false }
            if size == 0 {
                ended = true
                return false
            }
            chunkLeft = size
        }
        if index == buffer.count { guard try fill() else { return false } }
        let take = min(chunkLeft, buffer.count - index)
        body += buffer[index..<(index + take)]
        index += take
        chunkLeft -= take
        if chunkLeft == 0 { _ = try? rawLine() }  // the CRLF after the chunk
        return true
    }

    /// The bytes up to the next CRLF, consumed.
    private mutating func rawLine() throws -> String {
        while true {
            var cursor = index
            while cursor + 1 < buffer.count {
                if buffer[cursor] == 13, buffer[cursor + 1] == 10 {
                    let line = String(decoding: buffer[index..<cursor], as: UTF8.self)
                    index = cursor + 2
                    return line
                }
                cursor += 1
            }
            guard try fill() else { throw BenchFailure("the event stream ended") }
        }
    }

    /// Reads from the socket; false at the end of the stream.
    private mutating func fill() throws -> Bool {
        if index > 0 {
            buffer.removeSubrange(..<index)
            index = 0
        }
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let read = chunk.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            if read < 0, errno == EINTR { continue }
            guard read > 0 else { return false }
            buffer += chunk[0..<read]
            return true
        }
    }
}
