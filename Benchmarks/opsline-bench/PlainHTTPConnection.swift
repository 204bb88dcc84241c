import Foundation
import NIOCore

#if canImport(Glibc)
    import Glibc
#endif

/// One keep-alive HTTP/1.1 connection over a blocking socket, used by one thread at a time.
///
/// The load generator shares the machine's cores with the server and PostgreSQL, so the CPU it
/// spends per request is taken from what it measures. async-http-client cost about 0.3 ms of CPU
/// per request here, a third of the server's own cost per transition; pgbench, the yardstick,
/// is a lean C client. This one writes a prepared request and reads the reply in place, as `wrk`
/// does, so the figures describe the server. It speaks just what Opsline answers with: a
/// `Content-Length` or a chunked body.
final class PlainHTTPConnection {
    private let host: String
    private let port: Int
    private let authorization: String
    private var socket: Int32 = -1
    /// Bytes received and not yet consumed, from `readIndex` on.
    private var received: [UInt8] = []
    private var readIndex = 0

    init(baseURL: String, token: String) throws {
        guard let url = URL(string: baseURL), url.scheme == "http", let host = url.host else {
            throw BenchFailure("the load generator needs an http:// URL, not \(baseURL)")
        }
        self.host = host
        self.port = url.port ?? 80
        self.authorization = "Bearer \(token)"
    }

    deinit { disconnect() }

    func post(_ path: String, ndjson body: String) throws -> BenchAPI.Reply {
        try exchange(method: "POST", path: path, body: body)
    }

    func get(_ path: String) throws -> BenchAPI.Reply {
        try exchange(method: "GET", path: path, body: nil)
    }

    private func exchange(method: String, path: String, body: String?) throws -> BenchAPI.Reply {
        var head = "\(method) \(path) HTTP/1.1\r\nHost: \(host):\(port)\r\nAuthorization: \(authorization)\r\n"
        if let body { head += "Content-Type: application/x-ndjson\r\nContent-Length: \(body.utf8.count)\r\n" }
        var request = Array((head + "\r\n").utf8)
        if let body { request += body.utf8 }
        do {
            if socket < 0 { try connect() }
            try writeAll(request)
            return try readResponse()
        } catch {
            // The connection is in an unknown state: the next request starts on a fresh one.
            disconnect()
            throw error
        }
    }

    private func connect() throws {
        socket = try connectedSocket(host: host, port: port)
        received.removeAll(keepingCapacity: true)
        readIndex = 0
    }

    private func disconnect() {
        if socket >= 0 { close(socket) }
        socket = -1
    }

    private func writeAll(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer in
                send(socket, buffer.baseAddress! + offset, buffer.count - offset, Int32(MSG_NOSIGNAL))
            }
            if written < 0, errno == EINTR { continue }
            guard written > 0 else { throw BenchFailure("send: \(String(cString: strerror(errno)))") }
            offset += written
        }
    }

    /// Reads more bytes from the socket; throws at the end of the stream.
    private func fill() throws {
        if readIndex > 0, readIndex == received.count {
            received.removeAll(keepingCapacity: true)
            readIndex = 0
        }
        let count = received.count
        received.reserveCapacity(count + 65_536)
        var chunk = [UInt8](repeating: 0, count: 65_536)
        let read = chunk.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
        if read < 0, errno == EINTR { return }
        guard read > 0 else { throw BenchFailure(read == 0 ? "the server closed the connection" : "recv failed") }
        received += chunk[0..<read]
    }

    /// The bytes up to the next CRLF (which is consumed), reading as needed.
    private func line() throws -> String {
        while true {
            if let end = crlf(from: readIndex) {
                let text = String(decoding: received[readIndex..<end], as: UTF8.self)
                readIndex = end + 2
                return text
            }
            try fill()
        }
    }

    private func crlf(from start: Int) -> Int? {
        var index = start
        while index + 1 < received.count {
            if received[index] == 13, received[index + 1] == 10 { return index }
            index += 1
        }
        return nil
    }

    private func bytes(_ count: Int) throws -> ArraySlice<UInt8> {
        while received.count - readIndex < count { try fill() }
        defer { readIndex += count }
        return received[readIndex..<(readIndex + count)]
    }

    private func readResponse() throws -> BenchAPI.Reply {
        let statusLine = try line()
        let parts = statusLine.split(separator: " ", maxSplits: 2)
        guard parts.count >= 2, let status = UInt(parts[1]) else {
            throw BenchFailure("not an HTTP status line: \(statusLine.prefix(80))")
        }
        var contentLength = 0
        var chunked = false
        var closes = false
        while case let header = try line(), !header.isEmpty {
            guard let colon = header.firstIndex(of: ":") else { continue }
            let name = header[..<colon].lowercased()
            let value = header[header.index(after: colon)...].trimmingCharacters(in: .whitespaces).lowercased()
            switch name {
            case "content-length": contentLength = Int(value) ?? 0
            case "transfer-encoding": chunked = value.contains("chunked")
            case "connection": closes = value == "close"
            default: break
            }
        }
        var body = ByteBuffer()
        if chunked {
            while true {
                let sizeLine = try line()
                guard let size = Int(sizeLine.split(separator: ";").first ?? "", radix: 16) else {
                    throw BenchFailure("bad chunk size: \(sizeLine.prefix(40))")
                }
                if size == 0 { break }
                body.writeBytes(try bytes(size))
                _ = try line()
            }
            while try !line().isEmpty {}  // trailers, then the blank line
        } else {
            body.writeBytes(try bytes(contentLength))
        }
        if closes { disconnect() }
        return BenchAPI.Reply(status: status, body: body)
    }
}

/// A blocking TCP socket connected to `host:port`, with Nagle's algorithm off (requests are
/// written whole, and every millisecond of delay would be measured).
func connectedSocket(host: String, port: Int) throws -> Int32 {
    var hints = addrinfo()
    hints.ai_family = AF_UNSPEC
    hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
    var found: UnsafeMutablePointer<addrinfo>?
    guard getaddrinfo(host, String(port), &hints, &found) == 0, let address = found else {
        throw BenchFailure("cannot resolve \(host)")
    }
    defer { freeaddrinfo(found) }
    let descriptor = Glibc.socket(address.pointee.ai_family, address.pointee.ai_socktype, 0)
    guard descriptor >= 0 else { throw BenchFailure("socket: \(String(cString: strerror(errno)))") }
    guard Glibc.connect(descriptor, address.pointee.ai_addr, address.pointee.ai_addrlen) == 0 else {
        let reason = String(cString: strerror(errno))
        close(descriptor)
        throw BenchFailure("connect to \(host):\(port): \(reason)")
    }
    var on: Int32 = 1
    setsockopt(descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &on, socklen_t(MemoryLayout<Int32>.size))
    return descriptor
}
