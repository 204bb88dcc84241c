import AsyncHTTPClient
import Foundation
import NIOCore
import Testing
@testable import Workflow

extension ServerReplica {
    /// Sends a request with `token` (a POST with `body`, else a GET) and returns the NDJSON
    /// answer's lines; a status other than 2xx fails.
    func request(_ path: String, body: String? = nil, token: String) async throws -> [JSONValue] {
        var request = HTTPClientRequest(url: baseURL + path)
        request.headers.add(name: "Authorization", value: "Bearer \(token)")
        if let body {
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "application/x-ndjson")
            request.body = .bytes(ByteBuffer(string: body))
        }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(60))
        let text = String(buffer: try await response.body.collect(upTo: 64 << 20))
        try #require((200..<300).contains(response.status.code), "\(path): \(response.status)\n\(text)")
        return try text.split(separator: "\n").map { try JSONValue.parse(String($0)) }
    }
}
