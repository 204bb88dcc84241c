import AsyncHTTPClient
import Foundation
import HTTPTypes
import NIOCore
import NIOHTTP1
import Testing
@testable import Workflow

/// Sends requests to a live server on 127.0.0.1 over HTTP/1.1 and records every exchange in a
/// `ContractLog`, so that the contract check can hold each answer against the OpenAPI document.
struct ContractClient: Sendable {
    /// `http://127.0.0.1:<port>`.
    let base: String
    /// Where exchanges go.
    let log: ContractLog

    static let ndjson = "application/x-ndjson"
    /// Request bodies larger than this (the limit tests) are not kept in the log.
    static let largestRecordedBody = 64 << 10
    /// How long one exchange, a followed stream included, may take on a loaded machine.
    static let timeLimit = TimeAmount.seconds(60)

    /// An answer, with its body split into lines.
    struct Answer: Sendable {
        let status: Int
        /// Header names in lower case.
        let headers: [String: String]
        let body: String

        /// The body's lines that are JSON.
        var lines: [JSONValue] {
            body.split(separator: "\n").compactMap { try? JSONValue.parse(String($0)) }
        }

        /// The first line as an object.
        var object: [String: JSONValue] { lines.first?.objectValue ?? [:] }

        /// The first line's string member `key`, or a failure naming what was expected.
        func string(_ key: String) throws -> String {
            guard let value = object[key]?.stringValue else { throw TestFailure("no '\(key)' in \(body)") }
            return value
        }
    }

    /// Sends one request to the route `template` and records it.
    /// - Parameters:
    ///   - name: What the exchange shows, for the mismatch report.
    ///   - template: The route as the server registers it; `{name}` captures are filled from `parameters`.
    ///   - query: The query, without `?`.
    ///   - contentType: The request's content type, sent only with a body.
    ///   - token: The bearer token; nil sends none.
    ///   - status: The status the exchange is meant to show; another one fails the test here.
    @discardableResult
    func exchange(
        _ name: String, _ method: HTTPRequest.Method, _ template: String, _ parameters: [String: String] = [:],
        query: String = "", body: String? = nil, contentType: String = ndjson,
        token: String? = TestServer.adminSecret, headers: [(String, String)] = [], expect status: Int,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> Answer {
        let uri = try Self.uri(template, parameters, query: query)
        let request = Self.request(
            method, url: base + uri, body: body, contentType: contentType, token: token, headers: headers)
        let response = try await HTTPClient.shared.execute(request, timeout: Self.timeLimit)
        let bytes = try await response.body.collect(upTo: 64 << 20)
        let answer = Answer(
            status: Int(response.status.code), headers: Self.headers(response.headers), body: String(buffer: bytes))
        record(name, method, template, uri, body: body, contentType: contentType, answer, complete: true)
        #expect(
            answer.status == status,
            "\(name): \(method) \(uri) answered \(answer.status), not \(status): \(answer.body)",
            sourceLocation: sourceLocation)
        return answer
    }

    /// Reads a followed stream (`200`) line by line until `enough` holds for the lines read, and
    /// records those lines. `opened` runs once the first line has arrived, to make something
    /// happen that the stream then shows.
    @discardableResult
    func follow(
        _ name: String, _ template: String, query: String, token: String = TestServer.adminSecret,
        opened: @Sendable () async throws -> Void = {}, until enough: ([JSONValue]) -> Bool
    ) async throws -> [JSONValue] {
        let uri = try Self.uri(template, [:], query: query)
        let request = Self.request(.get, url: base + uri, body: nil, contentType: "", token: token, headers: [])
        let response = try await HTTPClient.shared.execute(request, timeout: Self.timeLimit)
        // Bytes, not text: a chunk may end inside a character.
        var pending: [UInt8] = []
        var read = ""
        var lines: [JSONValue] = []
        reading: for try await chunk in response.body {
            pending += chunk.readableBytesView
            while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: pending[...newline], as: UTF8.self)
                pending.removeSubrange(...newline)
                read += line
                lines.append((try? JSONValue.parse(line)) ?? .null)
                if lines.count == 1 { try await opened() }
                if enough(lines) { break reading }
            }
        }
        let answer = Answer(status: Int(response.status.code), headers: Self.headers(response.headers), body: read)
        record(name, .get, template, uri, body: nil, contentType: "", answer, complete: false)
        #expect(answer.status == 200, "\(name): GET \(uri) answered \(answer.status)")
        #expect(enough(lines), "\(name): the stream ended before it showed what it should: \(read)")
        return lines
    }

    private func record(
        _ name: String, _ method: HTTPRequest.Method, _ template: String, _ uri: String, body: String?,
        contentType: String, _ answer: Answer, complete: Bool
    ) {
        let kept = body.flatMap { $0.utf8.count <= Self.largestRecordedBody ? $0 : nil }
        log.record(
            ContractExchange(
                case: name, method: method.rawValue, path: template, uri: uri,
                requestContentType: body == nil ? nil : contentType, requestBody: kept, status: answer.status,
                headers: answer.headers, body: answer.body, complete: complete))
    }

    /// The path of `template` with its captures filled in, and the query.
    private static func uri(_ template: String, _ parameters: [String: String], query: String) throws -> String {
        var path = template
        for (name, value) in parameters { path = path.replacingOccurrences(of: "{\(name)}", with: value) }
        guard !path.contains("{") else { throw TestFailure("\(template): a capture has no value in \(parameters)") }
        return query.isEmpty ? path : "\(path)?\(query)"
    }

    private static func request(
        _ method: HTTPRequest.Method, url: String, body: String?, contentType: String, token: String?,
        headers: [(String, String)]
    ) -> HTTPClientRequest {
        var request = HTTPClientRequest(url: url)
        request.method = HTTPMethod(rawValue: method.rawValue)
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        if let body {
            request.headers.add(name: "Content-Type", value: contentType)
            request.body = .bytes(ByteBuffer(string: body))
        }
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        return request
    }

    private static func headers(_ headers: HTTPHeaders) -> [String: String] {
        Dictionary(headers.map { ($0.name.lowercased(), $0.value) }) { "\($0), \($1)" }
    }
}
