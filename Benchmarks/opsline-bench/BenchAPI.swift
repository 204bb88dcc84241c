import AsyncHTTPClient
import Foundation
import NIOCore

/// The few Opsline endpoints the benchmark calls, over one shared keep-alive connection pool.
struct BenchAPI: Sendable {
    let client: HTTPClient
    let baseURL: String
    let authorization: String

    /// A client whose pool keeps at least `connections` HTTP/1.1 connections to the server.
    static func makeClient(connections: Int) -> HTTPClient {
        var configuration = HTTPClient.Configuration()
        configuration.httpVersion = .http1Only
        configuration.decompression = .disabled
        configuration.connectionPool = .init(
            idleTimeout: .seconds(120), concurrentHTTP1ConnectionsPerHostSoftLimit: max(8, connections))
        configuration.timeout = .init(connect: .seconds(5), read: .seconds(60))
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    init(client: HTTPClient, baseURL: String, token: String) {
        self.client = client
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.authorization = "Bearer \(token)"
    }

    /// A response: its status and its whole body.
    struct Reply: Sendable {
        let status: UInt
        let body: ByteBuffer

        var isSuccess: Bool { (200..<300).contains(status) }
        var text: String { String(buffer: body) }
    }

    func post(_ path: String, ndjson body: String) async throws -> Reply {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = .POST
        request.headers.add(name: "Authorization", value: authorization)
        request.headers.add(name: "Content-Type", value: "application/x-ndjson")
        request.body = .bytes(ByteBuffer(string: body))
        return try await send(request)
    }

    func get(_ path: String) async throws -> Reply {
        var request = HTTPClientRequest(url: baseURL + path)
        request.headers.add(name: "Authorization", value: authorization)
        return try await send(request)
    }

    private func send(_ request: HTTPClientRequest) async throws -> Reply {
        let response = try await client.execute(request, timeout: .seconds(60))
        let body = try await response.body.collect(upTo: 64 << 20)
        return Reply(status: response.status.code, body: body)
    }
}

/// Reads the `"status":N` of each result line of a `POST /v1/events` answer without decoding the
/// task objects (neither task lines nor error objects carry a `status` key of their own).
func resultStatuses(_ body: ByteBuffer) -> [Int] {
    let key = Array(#""status":"#.utf8)
    var statuses: [Int] = []
    body.withUnsafeReadableBytes { bytes in
        var lineStart = 0
        while lineStart < bytes.count {
            var lineEnd = lineStart
            while lineEnd < bytes.count, bytes[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
            if lineEnd > lineStart {
                statuses.append(status(in: bytes, from: lineStart, to: lineEnd, key: key))
            }
            lineStart = lineEnd + 1
        }
    }
    return statuses
}

private func status(in bytes: UnsafeRawBufferPointer, from start: Int, to end: Int, key: [UInt8]) -> Int {
    var index = start
    while index + key.count <= end {
        var matches = true
        for offset in 0..<key.count where bytes[index + offset] != key[offset] {
            matches = false
            break
        }
        if matches {
            var value = 0
            var digit = index + key.count
            while digit < end, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[digit]) {
                value = value * 10 + Int(bytes[digit] - UInt8(ascii: "0"))
                digit += 1
            }
            return value
        }
        index += 1
    }
    return 0
}
