import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Postgres
import TestSupport
import Testing

@testable import OpslineServer

/// `X-Request-Id` and the access log: one `request` entry per request with its method, route
/// template, status, duration, bytes, caller and id; the id on every response, in every entry of
/// the request, and in the text of the PostgreSQL statements it sends.
@Suite struct RequestLogTests {
    static let requestID = HTTPField.Name("X-Request-Id")!

    /// Sends `method uri` with the admin token (or none) and the given `X-Request-Id`.
    static func send(
        _ api: APIClient, _ method: HTTPRequest.Method, _ uri: String, requestID: String? = nil,
        token: String? = TestServer.adminSecret, body: String? = nil
    ) async throws -> TestResponse {
        var headers: HTTPFields = [.contentType: "application/x-ndjson"]
        if let token { headers[.authorization] = "Bearer \(token)" }
        if let requestID { headers[Self.requestID] = requestID }
        return try await api.client.execute(
            uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
    }

    @Test func aRequestIsLoggedOnceWithItsRouteTemplateStatusCallerAndTheClientsID() async throws {
        let log = CapturedLog()
        let server = try await TestServer.make()
        try await server.run(logger: log.logger()) { api in
            let id = try await api.createComplaint()
            let reply = try await Self.send(api, .get, "/v1/tasks/\(id)", requestID: "client-req.42:a_b")
            #expect(reply.status == .ok)
            #expect(reply.headers[Self.requestID] == "client-req.42:a_b")
            let entry = try #require(await log.first("request") { $0.requestID == "client-req.42:a_b" })
            #expect(log.entries("request").filter { $0.requestID == "client-req.42:a_b" }.count == 1)
            #expect(entry.level == .info)
            #expect(entry.metadata["method"] == "GET")
            #expect(entry.metadata["route"] == "/v1/tasks/{id}", "the template, not /v1/tasks/\(id)")
            #expect(entry.metadata["status"] == "200")
            #expect(entry.metadata["caller"] == "admin")
            #expect(entry.metadata["bytes"] == String(reply.body.readableBytes))
            #expect(Double(entry.metadata["duration_ms"] ?? "") != nil)
            #expect(!entry.description.contains(id), "no raw path: \(entry)")
        }
    }

    @Test func anUnusableIDIsReplacedAndEveryResponseCarriesOne() async throws {
        let log = CapturedLog()
        let server = try await TestServer.make()
        try await server.run(logger: log.logger()) { api in
            var seen: Set<String> = []
            for given in [nil, "", "has space", "quote'd", String(repeating: "x", count: 129), "ünïcode"] {
                let reply = try await Self.send(api, .get, "/v1/tasks", requestID: given)
                #expect(reply.status == .ok)
                let id = try #require(reply.headers[Self.requestID], "no X-Request-Id for \(given ?? "none")")
                #expect(id != given)
                #expect(PostgresRequestTag.isValid(id), "\(id)")
                seen.insert(id)
            }
            #expect(seen.count == 6, "every request gets its own id: \(seen)")
            let longest = String(repeating: "y", count: 128)
            #expect(try await Self.send(api, .get, "/v1/tasks", requestID: longest).headers[Self.requestID] == longest)
        }
    }

    /// Errors are logged with the status the client got: 401 before any route, 404 of no route,
    /// a 400 error line; and each response still names its request.
    @Test func errorsAreLoggedWithTheirStatus() async throws {
        let log = CapturedLog()
        let server = try await TestServer.make()
        try await server.run(logger: log.logger()) { api in
            let unauthenticated = try await Self.send(api, .get, "/v1/tasks", requestID: "e-401", token: nil)
            #expect(unauthenticated.status == .unauthorized)
            #expect(unauthenticated.headers[Self.requestID] == "e-401")
            let missing = try await Self.send(api, .get, "/v1/nowhere", requestID: "e-404")
            #expect(missing.status == .notFound)
            #expect(missing.headers[Self.requestID] == "e-404")
            let bad = try await Self.send(api, .post, "/v1/tasks", requestID: "e-400", body: "{not json\n")
            #expect(bad.status == .badRequest)
            let page = try await Self.send(api, .get, "/ui/nowhere", requestID: "e-ui", token: nil)
            #expect(page.headers[Self.requestID] == "e-ui")
            func entry(_ id: String) async -> CapturedLog.Entry? {
                await log.first("request") { $0.requestID == id }
            }
            #expect(await entry("e-401")?.metadata["status"] == "401")
            #expect(await entry("e-401")?.metadata["caller"] == nil)
            #expect(await entry("e-404")?.metadata["status"] == "404")
            #expect(await entry("e-400")?.metadata["status"] == "400")
            #expect(await entry("e-400")?.metadata["route"] == "/v1/tasks")
            #expect(await entry("e-ui")?.metadata["status"] == page.status.code.description)
        }
    }

    /// Entries a route logs carry the request's id too.
    @Test func theRoutesOwnEntriesCarryTheID() async throws {
        let log = CapturedLog()
        let server = try await TestServer.make()
        try await server.run(logger: log.logger()) { api in
            let reply = try await Self.send(
                api, .post, "/v1/teams", requestID: "make-team-1", body: #"{"name":"night-shift"}"# + "\n")
            #expect(reply.status == .created)
            let created = try #require(log.entries("created a team").first)
            #expect(created.requestID == "make-team-1")
            #expect(created.metadata["actor"] == "admin")
        }
    }

    /// A request's transaction names the request where PostgreSQL shows it: here a transition
    /// waiting on a row lock the test holds, seen in `pg_stat_activity`. The lock is a prepared
    /// statement, whose text stays untagged; `application_name` names the request.
    @Test func aStatementOfARequestNamesItInPostgreSQL() async throws {
        let server = try await TestServer.make()
        try await server.run { api in
            let id = try await api.createComplaint()
            let holder = try await PostgresConnection.connect(server.pool.conninfo)
            try await holder.execute("BEGIN")
            try await holder.query("SELECT 1 FROM tasks WHERE id = $1 FOR UPDATE", [id])
            let move = Task {
                try await Self.send(
                    api, .post, "/v1/tasks/\(id)/transitions", requestID: "slow-move-7",
                    body: #"{"transition":"acknowledge"}"# + "\n"
                ).status
            }
            let watcher = try await PostgresConnection.connect(server.pool.conninfo)
            var waiting: String?
            let deadline = ContinuousClock.now + .seconds(60)
            while waiting == nil, ContinuousClock.now < deadline {
                waiting = try await watcher.query(
                    """
                    SELECT query FROM pg_stat_activity
                    WHERE wait_event_type = 'Lock' AND application_name LIKE '% request\\_id=slow-move-7'
                    """
                ).first?.decode("query", as: String.self)
                if waiting == nil { try await Task.sleep(for: .milliseconds(20)) }
            }
            try await holder.execute("ROLLBACK")
            #expect(try await move.value == .ok)
            let query = try #require(waiting, "no waiting statement named the request")
            // The task's lock (PostgreSQL shows the first 1,024 bytes of its text), untagged.
            #expect(
                query.hasPrefix("SELECT id, workflow, workflow_version,") && !query.contains("request_id"), "\(query)")
            await holder.close()
            await watcher.close()
        }
    }

    /// A followed stream is logged when it ends, with what it sent.
    @Test func aFollowedStreamIsLoggedWhenItEnds() async throws {
        let log = CapturedLog()
        let server = try await TestServer.make()
        let (token, secret) = try await server.database.tokens.create(name: "crm", role: .service, teams: ["support"])
        try await server.runLive(headerTimeout: .seconds(30), heartbeat: .seconds(3600), logger: log.logger()) {
            port in
            try await RawConnection.with(port: port, limit: .seconds(60)) { client in
                try await client.send(
                    "GET /v1/events?follow=true&since=now HTTP/1.1\r\nHost: x\r\nX-Request-Id: follow-1\r\n"
                        + "Authorization: Bearer \(secret.value)\r\n\r\n")
                #expect(await client.read { EventStreamTests.text($0).contains(#""heartbeat""#) })
                #expect(EventStreamTests.text(client.received).contains("X-Request-Id: follow-1"))
                #expect(log.entries("request").isEmpty, "logged before it ended")
                try await server.database.tokens.revoke(id: token.id)
                #expect(await client.read { EventStreamTests.endsResponse($0) }, "the response did not end")
            }
        }
        let entry = try #require(await log.first("request") { $0.requestID == "follow-1" })
        #expect(entry.metadata["route"] == "/v1/events")
        #expect(entry.metadata["status"] == "200")
        #expect(entry.metadata["caller"] == "crm")
        #expect((Int(entry.metadata["bytes"] ?? "") ?? 0) > 0)
    }
}
