import Foundation
import OpslineStore
import TestSupport
import Testing
import Workflow

@testable import OpslineServer

/// What the tests of managers' views share: a small 24x7 workflow whose `response` clock breaches
/// two seconds after a task is created (an hour for `tier: slow` tasks) and whose `resolution`
/// clock allows 30 minutes or 3 hours by severity (paused while the task waits), a server on
/// the test's time, and a running scheduler that records the breaches as the test moves time.
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

    /// A server on `time` with the workflow published, and a `billing` team beside its `support`.
    static func server(time: TestTime) async throws -> TestServer {
        let server = try await TestServer.make(time: time)
        try await server.database.workflows.publish(source: workflow, file: "sla-views.yaml")
        try await server.addTeams("billing")
        return server
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
}

extension [JSONValue] {
    /// Each line's value of `key`, as text.
    func strings(_ key: String) -> [String] {
        compactMap { $0[key]?.stringValue }
    }
}
