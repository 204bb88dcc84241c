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
/// the due-work scheduler running on the test's time, so that SLA breaches happen as the test
/// moves time.
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

    /// The running server, as a test sees it.
    struct Running: Sendable {
        let url: String
        let database: OpslineDatabase
        let time: TestTime
        /// Fires on every commit that appends events.
        let events: EventSignal
    }

    /// Starts the server and scheduler, runs `body` with them, then stops them.
    static func run<Value: Sendable>(_ body: @Sendable (Running) async throws -> Value) async throws -> Value {
        let time = TestTime()
        let conninfo = try await TestCluster.shared.makeDatabase()
        let pool = PostgresPool(conninfo: conninfo, maximumConnections: 4)
        do {
            let calendars = try CalendarFile.load(from: LiveServer.repositoryRoot.appendingPathComponent("workflows"))
            let database = try OpslineDatabase(pool: pool, calendars: calendars, clock: time.clock)
            try await database.prepare()
            try await database.workflows.publish(source: workflow, file: "sla-cli.yaml")
            try await database.tokens.ensure(secret: TokenSecret(LiveServer.adminSecret), name: "admin", role: .admin)
            let signal = EventSignal(conninfo: conninfo)
            let dueSignal = EventSignal(conninfo: conninfo, channel: .due)
            let scheduler = DueWorkScheduler(runner: database.dueWork, signal: dueSignal, logger: Logger(label: "t"))
            let app = Application(
                router: OpslineApplication.router(database: database, signal: signal),
                configuration: .init(address: .hostname("127.0.0.1", port: 0)))
            let value = try await withBackgroundServices([signal.run, dueSignal.run, scheduler.run]) {
                await signal.listening()
                await dueSignal.listening()
                return try await app.test(.live) { client in
                    let port = try #require(client.port, "the live server reports its port")
                    return try await body(
                        Running(url: "http://127.0.0.1:\(port)", database: database, time: time, events: signal))
                }
            }
            await pool.close()
            return value
        } catch {
            await pool.close()
            throw error
        }
    }
}
