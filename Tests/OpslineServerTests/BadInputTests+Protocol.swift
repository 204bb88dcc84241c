import Foundation
import Testing
import Workflow

/// Bad input below the lines: a body that stops arriving, a request HTTP cannot parse, a date
/// that does not exist. Each is answered with an error line, like every other refusal.
extension BadInputTests {
    /// A client that stops sending in the middle of a body gets `408 timeout` with an error line
    /// at the body deadline (2 s here; 60 s by default), and then the connection is closed: the
    /// rest of the body will never be read.
    @Test func aBodyThatStopsArrivingIsAnswered408WithAnErrorLineThenClosed() async throws {
        let server = try await TestServer.make()
        try await server.runLive(headerTimeout: .seconds(30), bodyTimeout: .seconds(2)) { port in
            try await RawConnection.with(port: port, limit: .seconds(40)) { client in
                try await client.send(
                    "POST /v1/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(TestServer.adminSecret)\r\n"
                        + "Content-Type: application/x-ndjson\r\nContent-Length: 1000\r\n\r\n"
                        + #"{"op":"comment","task":"#)
                let sent = ContinuousClock.now
                let answer = try #require(await client.readResponse(), "closed without an answer")
                let answeredAfter = ContinuousClock.now - sent
                #expect(answer.status == 408)
                let line = try JSONDecoder().decode(JSONValue.self, from: Data(answer.body.utf8))
                #expect(line["error"]?["code"] == "timeout", "\(answer.body)")
                #expect(line["error"]?["message"] == "the body did not arrive within 2 s")
                #expect(answeredAfter >= .milliseconds(1900), "answered before the deadline")
                #expect(answeredAfter < .seconds(20), "not answered at the deadline")
                let closedAt = await client.waitUntilClosed()
                #expect(closedAt - sent < .seconds(25), "the connection was kept after the 408")
            }
        }
    }

    /// A request line or header that HTTP cannot parse is answered `400 bad_request` with an
    /// error line (Hummingbird's own answer has an empty body), and the connection is closed.
    @Test(arguments: [
        "GET /healthz HTTP/1.1\r\nHost: x\r\nNo colon in this header\r\n\r\n",
        "GET /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: twelve\r\n\r\n",
        "NOT AN HTTP REQUEST\r\n\r\n",
    ])
    func requestsHTTPCannotParseAreAnswered400WithAnErrorLine(request: String) async throws {
        let server = try await TestServer.make()
        try await server.runLive(headerTimeout: .seconds(30)) { port in
            try await RawConnection.with(port: port, limit: .seconds(30)) { client in
                try await client.send(request)
                let answer = try #require(await client.readResponse(), "closed without an answer")
                #expect(answer.status == 400)
                let line = try JSONDecoder().decode(JSONValue.self, from: Data(answer.body.utf8))
                #expect(line["error"]?["code"] == "bad_request", "\(answer.body)")
                #expect(
                    line["error"]?["message"]?.stringValue?.hasPrefix("the request is not valid HTTP/1.1") == true,
                    "\(answer.body)")
                #expect(answer.body.hasSuffix("\n"))
                let closedAt = await client.waitUntilClosed()
                #expect(closedAt - client.openedAt < .seconds(20), "the connection was kept")
            }
        }
    }

    /// Dates that do not exist are refused wherever a time is read, never rolled over into the
    /// next month: query parameters (naming the parameter) and a token's `expires_at`.
    @Test func impossibleDatesAreRefused() async throws {
        try await TestServer.make().run { api in
            for (path, parameter) in [
                ("/v1/sla/breaches?since=2026-02-30", "since"),
                ("/v1/reports/sla?from=2027-02-29&to=2027-03-31", "from"),
                ("/v1/calendars/support-hours/due?from=2026-02-30T09:00:00Z&duration=4h", "from"),
                ("/v1/calendars/support-hours/due?from=2026-11-20T24:00:00Z&duration=4h", "from"),
            ] {
                let reply = try await api.send(.get, path)
                #expect(reply.status == .badRequest, "\(path): \(reply.text)")
                #expect(reply.object["error"]?["parameter"]?.stringValue == parameter, "\(path): \(reply.text)")
            }
            let token = try await api.send(
                .post, "/v1/tokens",
                body: #"{"name":"late","role":"viewer","teams":["support"],"expires_at":"2030-02-30T00:00:00Z"}"#)
            #expect(token.status == .badRequest, "\(token.text)")
            #expect(token.object["error"]?["field"] == "expires_at", "\(token.text)")
        }
    }
}
