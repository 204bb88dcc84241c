import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import OpslineStore
import Postgres
import TestSupport
import Testing

@testable import OpslineServer

/// A live server (as ``LiveServer``) with the shipped calendars, a small 24x7 workflow whose
/// `response` clock breaches two seconds after a task is created (an hour for `tier: slow`), and
/// the due-work scheduler running, so that SLA breaches happen while a CLI test waits.
enum LiveSLAServer {
    static let workflow = """
        workflow: sla-cli
        key: SLC
        team: support
        calendar: 24x7
        fields:
          tier: {type: enum, values: [fast, slow], default: fast}
        states:
          open: {initial: true}
          done: {final: true}
        transitions:
          finish: {from: open, to: done}
        slas:
          response:
            start: created
            stop: {enter: [done]}
            target: {by: tier, fast: 2s, slow: 1h}
        """

    /// Starts the server and scheduler, runs `body` with the server's URL and its database, then
    /// stops them.
    static func run<Value: Sendable>(
        _ body: @Sendable (_ url: String, _ database: OpslineDatabase) async throws -> Value
    ) async throws -> Value {
        let conninfo = try await TestCluster.shared.makeDatabase()
        let pool = PostgresPool(conninfo: conninfo, maximumConnections: 4)
        do {
            let calendars = try CalendarFile.load(from: LiveServer.repositoryRoot.appendingPathComponent("workflows"))
            let database = try OpslineDatabase(pool: pool, calendars: calendars)
            try await database.prepare()
            try await database.workflows.publish(source: workflow, file: "sla-cli.yaml")
            try await database.tokens.ensure(secret: TokenSecret(LiveServer.adminSecret), name: "admin", role: .admin)
            let signal = EventSignal(conninfo: conninfo)
            let dueSignal = EventSignal(conninfo: conninfo, channel: "opsline_due")
            let scheduler = DueWorkScheduler(runner: database.dueWork, signal: dueSignal, logger: Logger(label: "t"))
            let services = [
                Task { try await signal.run() }, Task { try await dueSignal.run() }, Task { try await scheduler.run() },
            ]
            defer { services.forEach { $0.cancel() } }
            let app = Application(
                router: OpslineApplication.router(database: database, signal: signal),
                configuration: .init(address: .hostname("127.0.0.1", port: 0)))
            let value = try await app.test(.live) { client in
                let port = try #require(client.port, "the live server reports its port")
                return try await body("http://127.0.0.1:\(port)", database)
            }
            await pool.close()
            return value
        } catch {
            await pool.close()
            throw error
        }
    }
}
