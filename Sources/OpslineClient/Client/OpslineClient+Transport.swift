import AsyncHTTPClient
import Foundation
import NIOCore
import NIOFoundationCompat
import Synchronization

extension OpslineClient {
    /// The text of every line `request` answers with, exactly as the server wrote it.
    ///
    /// Use this to pass the server's lines through unchanged. The request is sent when iteration
    /// starts and is limited only by the read timeout, so it suits long lists.
    /// - Parameter request: The call to make.
    public func lines(_ request: ClientRequest) -> NDJSONStream<String> {
        NDJSONStream(lines: { () async throws(ClientError) in
            try await open(request, deadline: .distantFuture)
        })
    }

    /// The lines `request` answers with, each decoded as `Value` as it arrives.
    ///
    /// - Parameters:
    ///   - request: The call to make.
    ///   - type: The type of each line.
    public func stream<Value: Decodable & Sendable>(
        _ request: ClientRequest, of type: Value.Type = Value.self
    ) -> NDJSONStream<Value> {
        NDJSONStream(open: { () async throws(ClientError) in
            try await open(request, deadline: .distantFuture)
        })
    }

    /// Sends a request that answers with exactly one line, and decodes it.
    ///
    /// - Parameters:
    ///   - request: The call to make.
    ///   - type: The type of the line.
    /// - Throws: ``ClientError``; ``ClientError/badResponse(_:)`` when there is not exactly one
    ///   line.
    public func send<Value: Decodable & Sendable>(
        _ request: ClientRequest, expecting type: Value.Type = Value.self
    ) async throws(ClientError) -> Value {
        let timeout = requestTimeout
        let stream = NDJSONStream<Value>(open: { () async throws(ClientError) in
            try await open(request, deadline: .now() + timeout)
        })
        var lines = stream.makeAsyncIterator()
        guard let value = try await Self.next(&lines) else {
            throw .badResponse("\(request.method.rawValue) \(request.path) answered with no line")
        }
        guard try await Self.next(&lines) == nil else {
            throw .badResponse(
                "\(request.method.rawValue) \(request.path) answered with more than one line")
        }
        return value
    }

    private static func next<Value>(
        _ lines: inout NDJSONStream<Value>.AsyncIterator
    ) async throws(ClientError) -> Value? {
        do {
            return try await lines.next()
        } catch let error as ClientError {
            throw error
        } catch {
            throw .badResponse("\(error)")
        }
    }

    /// Sends `request` and returns the body of a successful response.
    ///
    /// - Throws: ``ClientError/server(status:code:message:details:)`` for a failed status,
    ///   ``ClientError/connection(_:)`` when the server cannot be reached.
    func open(
        _ request: ClientRequest, deadline: NIODeadline
    ) async throws(ClientError)
        -> ResponseChunks
    {
        let url = request.url(on: configuration.serverURL)
        let response: HTTPClientResponse
        do {
            response = try await httpClient.execute(httpRequest(request, url: url), deadline: deadline)
        } catch {
            throw ConnectionFailure.clientError(error, serverURL: configuration.serverURL)
        }
        let status = Int(response.status.code)
        guard (200..<300).contains(status) else {
            throw await Self.failure(status: status, body: response.body)
        }
        let headers = Dictionary(response.headers.map { ($0.name.lowercased(), $0.value) }) { _, last in last }
        return ResponseChunks(status: status, url: url, chunks: response.body, headers: headers)
    }

    private func httpRequest(_ request: ClientRequest, url: String) -> HTTPClientRequest {
        var httpRequest = HTTPClientRequest(url: url)
        switch request.method {
        case .get: httpRequest.method = .GET
        case .post: httpRequest.method = .POST
        case .patch: httpRequest.method = .PATCH
        case .put: httpRequest.method = .PUT
        case .delete: httpRequest.method = .DELETE
        }
        httpRequest.headers.add(name: "Accept", value: "application/x-ndjson")
        httpRequest.headers.add(name: "User-Agent", value: "opsline-client")
        if let token = configuration.token {
            httpRequest.headers.add(name: "Authorization", value: "Bearer \(token)")
        }
        if let payload = request.payload {
            httpRequest.headers.add(name: "Content-Type", value: payload.contentType)
            httpRequest.body = Self.body(of: payload)
        }
        return httpRequest
    }

    /// The text, or the file read a chunk at a time as it is sent (the caller checked that it
    /// can be read: a failure here fails the request).
    private static func body(of payload: RequestDocument) -> HTTPClientRequest.Body {
        guard let file = payload.file else { return .bytes(ByteBuffer(string: payload.text)) }
        let size = (try? FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int64) ?? nil
        let reader = FileChunks(file: file)
        let chunks = AsyncThrowingStream<ByteBuffer, any Error> { try reader.next() }
        return .stream(chunks, length: size.map { .known($0) } ?? .unknown)
    }

    private static func failure(status: Int, body: HTTPClientResponse.Body) async -> ClientError {
        guard let bytes = try? await body.collect(upTo: 1024 * 1024) else {
            return ClientError(status: status, body: "")
        }
        return ClientError(status: status, body: String(buffer: bytes))
    }
}

/// A file read 64 KiB at a time, opened at the first read.
private final class FileChunks: Sendable {
    private let file: URL
    private let handle = Mutex<FileHandle?>(nil)

    init(file: URL) {
        self.file = file
    }

    func next() throws -> ByteBuffer? {
        try handle.withLock { handle in
            if handle == nil { handle = try FileHandle(forReadingFrom: file) }
            guard let data = try handle?.read(upToCount: 1 << 16), !data.isEmpty else {
                try? handle?.close()
                return nil
            }
            return ByteBuffer(data: data)
        }
    }

    deinit {
        handle.withLock { try? $0?.close() }
    }
}
