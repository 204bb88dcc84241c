import Foundation
import Hummingbird
import HummingbirdTesting
@testable import OpslineServer
import OpslineStore
import Postgres
import TestSupport
import Testing

/// A real Opsline server listening on an ephemeral port of 127.0.0.1, over a fresh database on
/// the shared test cluster with the shipped workflows published and an admin token.
enum LiveServer {
    /// The admin token's secret.
    static let adminSecret = "cli-tour-admin-secret"

    /// The repository's root folder, which holds `workflows/`.
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Starts a server, runs `body` with its base URL (`http://127.0.0.1:PORT`), then stops the
    /// server and closes the database pool.
    static func run<Value: Sendable>(
        heartbeat: Duration = .seconds(15), notifications: NotificationSettings? = nil,
        _ body: @Sendable (_ url: String) async throws -> Value
    ) async throws -> Value {
        let conninfo = try await TestCluster.shared.makeDatabase()
        let pool = PostgresPool(conninfo: conninfo, maximumConnections: 4)
        do {
            let database = try await prepareDatabase(pool: pool)
            let signal = EventSignal(conninfo: pool.conninfo)
            let listening = Task { try await signal.run() }
            defer { listening.cancel() }
            let app = Application(
                router: OpslineApplication.router(
                    database: database, signal: signal, heartbeat: heartbeat,
                    notifier: notifications.map { Notifier(settings: $0, database: database) }),
                configuration: .init(address: .hostname("127.0.0.1", port: 0)))
            let value = try await app.test(.live) { client in
                let port = try #require(client.port, "the live server reports its port")
                return try await body("http://127.0.0.1:\(port)")
            }
            await pool.close()
            return value
        } catch {
            await pool.close()
            throw error
        }
    }

    /// Migrates the database, publishes `workflows/*.yaml` and creates the admin token.
    static func prepareDatabase(pool: PostgresPool) async throws -> OpslineDatabase {
        let calendars = try CalendarFile.load(from: repositoryRoot.appendingPathComponent("workflows"))
        let workflows = try WorkflowDirectory(
            url: repositoryRoot.appendingPathComponent("workflows"))
        let database = try OpslineDatabase(
            pool: pool, calendars: calendars, receivers: workflows.library.receivers.map(\.name),
            singleCommandTransactions: ServerConfiguration().transactionsPerCaller,
            batchTransactions: ServerConfiguration().transactionsPerCaller)
        try await database.prepare()
        for file in workflows.files {
            try await database.workflows.publish(source: file.source, file: file.path)
        }
        try await database.tokens.ensure(
            secret: TokenSecret(adminSecret), name: "admin", role: .admin)
        return database
    }
}
