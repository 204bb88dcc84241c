import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import OpslineStore

/// Sends one HTTP notification and says what the receiver did, for the retry policy: a status, or
/// why there was none. Redirects are not followed (a redirect could lead anywhere), and no
/// response is read beyond its first kilobyte.
struct NotificationTransport: Sendable {
    /// How long one attempt may take, connection included.
    let timeout: Duration

    /// The process's client for notifications: it lives as long as the process (a static is
    /// never torn down, so it needs no shutdown), follows no redirect, and gives up connecting
    /// after 10 s; each request has its own deadline.
    private static let client: HTTPClient = {
        var configuration = HTTPClient.Configuration(redirectConfiguration: .disallow)
        configuration.timeout = .init(connect: .seconds(10), read: .seconds(60))
        configuration.connectionPool.retryConnectionEstablishment = false
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }()

    /// POSTs `body` to `url` with `headers`.
    /// - Returns: The answer, and the first kilobyte of the response body (for `subscription test`).
    func post(url: String, headers: [(String, String)], body: Data) async -> (DeliveryRetryPolicy.Answer, String) {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        request.headers.replaceOrAdd(name: "user-agent", value: "opsline-notifications")
        request.body = .bytes(ByteBuffer(data: body))
        do {
            let seconds = TimeAmount.nanoseconds(Int64(timeout.components.seconds) * 1_000_000_000)
            let response = try await Self.client.execute(request, timeout: seconds)
            var excerpt = ByteBuffer()
            for try await chunk in response.body {
                var chunk = chunk
                excerpt.writeBuffer(&chunk)
                if excerpt.readableBytes >= 1024 { break }
            }
            let text = excerpt.readString(length: min(excerpt.readableBytes, 1024)) ?? ""
            let retryAfter = response.headers.first(name: "retry-after").flatMap(TimeInterval.init)
            return (.status(Int(response.status.code), retryAfter: retryAfter), text)
        } catch {
            return (.unreachable(Self.reason(error)), "")
        }
    }

    /// A short reason for a failed attempt, with no URL in it (a robot's URL holds its token).
    private static func reason(_ error: any Error) -> String {
        switch error {
        case let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout:
            "no answer within the time-out"
        case let error as HTTPClientError where error == .connectTimeout:
            "could not connect within the time-out"
        case is HTTPClientError: "the request failed (\(String(describing: error).prefix(120)))"
        default: "could not connect (\(String(describing: error).prefix(120)))"
        }
    }
}
