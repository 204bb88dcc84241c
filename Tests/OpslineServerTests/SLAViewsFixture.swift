import Foundation
import Logging
import OpslineStore
import Testing
import Workflow

@testable import OpslineServer

/// What the tests of managers' views share: a small 24x7 workflow whose `response` clock breaches
/// two seconds after a task is created (an hour for `tier: slow` tasks, which a test can finish in
/// time however loaded the machine is) and whose `resolution` clock allows 30 minutes or 3 hours by
/// severity (paused while the task waits), and a running scheduler that records the breaches.
enum SLAViewsFixture {
    static let workflow = """
        workflow: sla-views
        key: SLV
        team: support
        calendar: 24x7
        fields:
          severity: {type: enum, values: [p1, p2], default: p2}
          tier: {type: enum, values: [fast, slow], default: fast}
        states:
          open: {initial: true}
          waiting: {title: Waiting on the customer}
          done: {final: true}
        transitions:
          wait: {from: open, to: waiting}
          resume: {from: waiting, to: open}
          finish: {from: [open, waiting], to: done}
        slas:
          response:
            start: created
            stop: {enter: [done]}
            target: {by: tier, fast: 2s, slow: 1h}
          resolution:
            start: created
            pause: {in: [waiting]}
            stop: {enter: [done]}
            target: {by: severity, p1: 30m, p2: 3h}
        """

    /// A server with the workflow published.
    static func server() async throws -> TestServer {
        let server = try await TestServer.make()
        try await server.database.workflows.publish(source: workflow, file: "sla-views.yaml")
        return server
    }

    /// Runs `body` while the due-work scheduler applies breaches, as `opsline serve` runs it.
    static func withScheduler<Value: Sendable>(
        _ server: TestServer, _ body: @Sendable () async throws -> Value
    ) async throws -> Value {
        let dueSignal = EventSignal(conninfo: server.pool.conninfo, channel: "opsline_due")
        let scheduler = DueWorkScheduler(runner: server.database.dueWork, signal: dueSignal, logger: Logger(label: "t"))
        let listening = Task { try await dueSignal.run() }
        let scheduling = Task { try await scheduler.run() }
        defer {
            scheduling.cancel()
            listening.cancel()
        }
        return try await body()
    }
}

extension APIClient {
    /// Creates a task of the views' workflow and returns its id.
    func createViewTask(
        _ title: String, team: String = "support", severity: String = "p2", tier: String = "fast"
    ) async throws -> String {
        let fields = #"{"severity":"\#(severity)","tier":"\#(tier)"}"#
        let reply = try await send(
            .post, "/v1/tasks",
            body: #"{"workflow":"sla-views","title":"\#(title)","team":"\#(team)","fields":\#(fields)}"#)
        guard reply.status == .created, let id = reply.object["id"]?.stringValue else {
            throw TestFailure("create failed: \(reply.status) \(reply.text)")
        }
        return id
    }

    /// Moves a task and fails unless the move succeeded.
    func moveOK(_ id: String, _ transition: String) async throws {
        let reply = try await move(id, transition)
        guard reply.status == .ok else { throw TestFailure("\(transition) \(id) failed: \(reply.text)") }
    }

    /// Reads `uri` until `condition` holds on its lines (for up to 20 s), and returns them.
    func lines(
        _ uri: String, token: String? = TestServer.adminSecret, until condition: ([JSONValue]) -> Bool
    ) async throws -> [JSONValue] {
        for _ in 0..<200 {
            let lines = try await send(.get, uri, token: token).lines
            if condition(lines) { return lines }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw TestFailure("\(uri) never answered as awaited")
    }
}

extension [JSONValue] {
    /// Each line's value of `key`, as text.
    func strings(_ key: String) -> [String] {
        compactMap { $0[key]?.stringValue }
    }
}
