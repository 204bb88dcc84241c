import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore

@testable import OpslineServer

/// A browser, as far as the dashboard's server tests need one: keeps the cookies the server
/// sets, posts forms, and does not follow redirects (tests look at them).
struct PageClient: Sendable {
    let client: any TestClientProtocol
    /// The cookies kept, by name.
    var cookies: [String: String] = [:]
    /// Headers sent with every request (`X-Forwarded-Proto`).
    var extraHeaders: HTTPFields = [:]

    init(_ api: APIClient) { self.client = api.client }

    /// One response.
    struct Page: Sendable {
        let status: HTTPResponse.Status
        let headers: HTTPFields
        let text: String

        /// `Location`, for a redirect.
        var location: String? { headers[.location] }
        /// Every `Set-Cookie` value.
        var setCookies: [String] { headers[values: .setCookie] }
        /// The `Set-Cookie` value of cookie `name`.
        func setCookie(_ name: String) -> String? { setCookies.first { $0.hasPrefix(name + "=") } }

        /// The value of the form field `name` (`<input … name="x" … value="y">`), HTML unescaped.
        func field(_ name: String) -> String? {
            let pattern = #"<input[^>]*name=""# + name + #""[^>]*value="([^"]*)""#
            guard let match = text.firstMatch(of: try! Regex(pattern)), let value = match.output[1].substring
            else { return nil }
            return String(value).replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(
                of: "&lt;", with: "<"
            ).replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&#39;", with: "'")
                .replacingOccurrences(of: "&amp;", with: "&")
        }

        /// The sign-out form's (or any form's) CSRF token.
        var csrf: String? { field("csrf") }
    }

    /// GET `uri`.
    mutating func get(_ uri: String, headers: HTTPFields = [:]) async throws -> Page {
        try await send(.get, uri, headers: headers, body: nil)
    }

    /// POSTs `form` (URL-encoded) to `uri`.
    mutating func post(_ uri: String, form: [(String, String)], headers: HTTPFields = [:]) async throws -> Page {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let body = form.map {
            $0.0 + "=" + ($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")
        }.joined(separator: "&")
        var headers = headers
        headers[.contentType] = "application/x-www-form-urlencoded"
        return try await send(.post, uri, headers: headers, body: body)
    }

    /// POSTs `body` as it is (a file, as the task page's upload script sends it) to `uri`.
    mutating func post(_ uri: String, body: String, headers: HTTPFields) async throws -> Page {
        try await send(.post, uri, headers: headers, body: body)
    }

    /// Opens the sign-in page and signs in with `fields` (user and password, or token); returns
    /// the answer to the sign-in.
    mutating func signIn(_ fields: [(String, String)], next: String? = nil) async throws -> Page {
        let form = try await get("/ui/login" + (next.map { "?next=" + $0 } ?? ""))
        guard let csrf = form.csrf else { throw TestFailure("no CSRF token on the sign-in page: \(form.text)") }
        return try await post("/ui/login", form: [("csrf", csrf), ("next", form.field("next") ?? "")] + fields)
    }

    /// Signs in with a password; throws unless it worked.
    mutating func signIn(user: String, password: String) async throws {
        let page = try await signIn([("user", user), ("password", password)])
        guard page.status == .seeOther, cookies["opsline_session"] != nil else {
            throw TestFailure("sign-in as \(user) failed: \(page.status) \(page.text)")
        }
    }

    private mutating func send(
        _ method: HTTPRequest.Method, _ uri: String, headers: HTTPFields, body: String?
    ) async throws -> Page {
        var headers = headers
        for field in extraHeaders { headers[field.name] = field.value }
        if !cookies.isEmpty {
            headers[.cookie] = cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(
                separator: "; ")
        }
        let response = try await client.execute(
            uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
        for value in response.headers[values: .setCookie] {
            let pair = value.split(separator: ";", maxSplits: 1)[0].split(separator: "=", maxSplits: 1)
            let name = String(pair[0])
            let content = pair.count > 1 ? String(pair[1]) : ""
            if content.isEmpty || value.contains("Max-Age=0") { cookies[name] = nil } else { cookies[name] = content }
        }
        return Page(status: response.status, headers: response.headers, text: String(buffer: response.body))
    }
}

extension APIClient {
    /// Sets `user`'s password with the admin token; throws unless it worked.
    func setPassword(_ user: String, _ password: String) async throws {
        let reply = try await send(.post, "/v1/users/\(user)/password", body: #"{"password":"\#(password)"}"#)
        guard reply.status == .ok else { throw TestFailure("password of \(user): \(reply.status) \(reply.text)") }
    }
}
