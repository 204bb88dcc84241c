import CoreMetrics
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
@testable import OpslineServer
import OpslineStore
import Postgres
import TestSupport
import Workflow

/// An Opsline application over a fresh database with the shipped workflows published and an
/// admin token, driven in-process through HummingbirdTesting.
struct TestServer {
    static let adminSecret = "test-admin-secret"
    /// The dashboard's settings in tests: bcrypt's cheapest cost, so that a password takes
    /// milliseconds, not a second of the debug build.
    static let dashboard: DashboardSettings = {
        var settings = DashboardSettings()
        settings.passwordCost = 4
        return settings
    }()
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    let database: OpslineDatabase
    let pool: PostgresPool
    /// The server's own series (`GET /metrics`), recorded by its pool and stores too.
    var metrics = ServerMetrics()

    /// Prepares a database on the shared test cluster (or on `conninfo`), with the shipped
    /// workflows published.
    /// - Parameters:
    ///   - time: Time the test moves itself; by default the database's own clock.
    ///   - schedules: Whether the shipped workflows' schedules stay planned. Off by default: a
    ///     weekly scan would otherwise add tasks, clocks and breaches to any test that moves its
    ///     time by days, on some dates and not others. A test of a shipped schedule turns it on
    ///     (a workflow a test publishes itself plans its schedules either way).
    static func make(
        conninfo: String? = nil, time: TestTime? = nil, schedules: Bool = false
    ) async throws
        -> TestServer
    {
        let database = try await Self.conninfo(conninfo)
        let metrics = ServerMetrics()
        let pool = PostgresPool(conninfo: database, maximumConnections: 4, metrics: metrics.pool)
        let calendars = try CalendarFile.load(from: repositoryRoot.appendingPathComponent("workflows"))
        let workflows = try WorkflowDirectory(url: repositoryRoot.appendingPathComponent("workflows"))
        let store = try OpslineDatabase(
            pool: pool, calendars: calendars, receivers: workflows.library.receivers.map(\.name),
            clock: time?.clock ?? .system, metrics: metrics.store,
            singleCommandTransactions: ServerConfiguration().transactionsPerCaller,
            batchTransactions: ServerConfiguration().transactionsPerCaller)
        try await store.prepare()
        for file in workflows.files {
            try await store.workflows.publish(source: file.source, file: file.path)
        }
        if !schedules {
            try await pool.withConnection { try await $0.query("DELETE FROM due_work WHERE kind = 'schedule'") }
        }
        try await store.tokens.ensure(secret: TokenSecret(adminSecret), name: "admin", role: .admin)
        return TestServer(database: store, pool: pool, metrics: metrics)
    }

    /// A server whose database cannot be reached: nothing connects until a request needs it, and
    /// then every connection fails.
    static func unreachable() throws -> TestServer {
        let pool = PostgresPool(conninfo: "host=/nonexistent dbname=opsline_unreachable", maximumConnections: 1)
        return TestServer(database: try OpslineDatabase(pool: pool), pool: pool)
    }

    private static func conninfo(_ given: String?) async throws -> String {
        if let given { return given }
        return try await TestCluster.shared.makeDatabase()
    }

    /// Creates a token with `role` and `teams` and returns its secret.
    func mint(_ role: Role, teams: [String], name: String? = nil) async throws -> String {
        let name = name ?? "\(role.rawValue)-\(teams.joined(separator: "-"))"
        return try await database.tokens.create(name: name, role: role, teams: teams).secret.value
    }

    /// Runs `body` with a client against the router (with live event and revocation signals),
    /// then closes the pool.
    func run<Value: Sendable>(
        heartbeat: Duration = .seconds(15), notifications: NotificationSettings? = nil,
        dashboard: DashboardSettings = TestServer.dashboard, attachments: AttachmentLimits = AttachmentLimits(),
        logger: Logger? = nil, _ body: @Sendable (APIClient) async throws -> Value
    ) async throws -> Value {
        let (signal, revocations) = (
            EventSignal(conninfo: pool.conninfo), EventSignal(conninfo: pool.conninfo, channel: .tokens)
        )
        let listening = Task { try await signal.run() }
        let listeningForRevocations = Task { try await revocations.run() }
        defer {
            listening.cancel()
            listeningForRevocations.cancel()
        }
        let app = Application(
            router: OpslineApplication.router(
                database: database, signal: signal, revocations: revocations, heartbeat: heartbeat,
                notifier: notifications.map { Notifier(settings: $0, database: database) }, dashboard: dashboard,
                metrics: metrics, attachments: attachments),
            logger: logger)
        defer { Task { [pool] in await pool.close() } }
        // Request metrics go to this server's registry, as `OpslineServer.run` binds them.
        return try await withMetricsFactory(metrics.factory) {
            try await app.test(.router) { client in try await body(APIClient(client: client)) }
        }
    }
}

/// A thin helper that sends NDJSON and parses NDJSON back.
struct APIClient: Sendable {
    let client: any TestClientProtocol

    struct Reply: Sendable {
        let status: HTTPResponse.Status
        let headers: HTTPFields
        let lines: [JSONValue]
        let text: String

        /// The first line as an object.
        var object: [String: JSONValue] {
            if case .object(let object) = lines.first { return object }
            return [:]
        }

        /// The error code of an error line.
        var errorCode: String? { object["error"]?["code"]?.stringValue }
    }

    func send(
        _ method: HTTPRequest.Method, _ uri: String, body: String? = nil,
        token: String? = TestServer.adminSecret, contentType: String = "application/x-ndjson",
        idempotencyKey: String? = nil
    ) async throws -> Reply {
        var headers: HTTPFields = [.contentType: contentType]
        if let idempotencyKey { headers[HTTPField.Name("Idempotency-Key")!] = idempotencyKey }
        if let token { headers[.authorization] = "Bearer \(token)" }
        let response = try await client.execute(
            uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
        let text = String(buffer: response.body)
        let lines = try text.split(separator: "\n").map {
            try JSONDecoder().decode(JSONValue.self, from: Data($0.utf8))
        }
        return Reply(status: response.status, headers: response.headers, lines: lines, text: text)
    }

    /// Creates a complaint and returns its id.
    func createComplaint(title: String = "Refund not received", customer: String = "ACME") async throws -> String {
        let reply = try await send(
            .post, "/v1/tasks",
            body: #"{"workflow":"complaint-escalation","title":"\#(title)","fields":{"customer":"\#(customer)"}}"#)
        guard reply.status == .created, let id = reply.object["id"]?.stringValue else {
            throw TestFailure("create failed: \(reply.status) \(reply.text)")
        }
        return id
    }

    func move(_ id: String, _ transition: String, extra: String = "") async throws -> Reply {
        try await send(.post, "/v1/tasks/\(id)/transitions", body: #"{"transition":"\#(transition)"\#(extra)}"#)
    }
}

struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
