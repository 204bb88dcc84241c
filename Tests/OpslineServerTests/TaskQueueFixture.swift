import Foundation
import TestSupport
import Testing
import Workflow

/// What the tests of people's task lists share: a small 24x7 workflow whose `response` clock
/// gives 1, 2 or 3 hours by severity (paused while the task waits), with fields of each kind the
/// list filters read, published on a server on the test's time.
enum TaskQueueFixture {
    static let workflow = """
        workflow: queue-check
        key: QUE
        team: support
        calendar: 24x7
        fields:
          severity: {type: enum, values: [p1, p2, p3], default: p3}
          customer: {type: string}
          notes: {type: text}
          amount: {type: int}
          vip: {type: bool}
          tags: {type: list, items: string}
        states:
          open: {initial: true}
          waiting: {}
          done: {final: true}
        transitions:
          wait: {from: open, to: waiting}
          resume: {from: waiting, to: open}
          finish: {from: [open, waiting], to: done}
        slas:
          response:
            start: created
            pause: {in: [waiting]}
            stop: {enter: [done]}
            target: {by: severity, p1: 1h, p2: 2h, p3: 3h}
        """

    /// A server on `time` with the workflow published, teams `support` and `billing`, and
    /// `alice` and `bob`, members of `support` the tasks may be assigned to.
    static func server(time: TestTime) async throws -> TestServer {
        let server = try await TestServer.make(time: time)
        try await server.database.workflows.publish(source: workflow, file: "queue-check.yaml")
        try await server.addTeams("support", "billing")
        for name in ["alice", "bob"] { try await server.addUser(name, ["support": .member]) }
        return server
    }
}

extension APIClient {
    /// Creates a task of the queue workflow and returns its id; `extra` adds keys to the line
    /// (`,"assignee":"alice"`), `fields` is the fields object.
    func createQueueTask(
        _ title: String, fields: String = "{}", extra: String = "", token: String = TestServer.adminSecret
    ) async throws -> String {
        let reply = try await send(
            .post, "/v1/tasks", body: #"{"workflow":"queue-check","title":"\#(title)","fields":\#(fields)\#(extra)}"#,
            token: token)
        guard reply.status == .created, let id = reply.object["id"]?.stringValue else {
            throw TestFailure("create failed: \(reply.status) \(reply.text)")
        }
        return id
    }

    /// The ids `GET uri` lists, failing unless it answers 200.
    func ids(_ uri: String, token: String = TestServer.adminSecret) async throws -> [String] {
        let reply = try await send(.get, uri, token: token)
        guard reply.status == .ok else { throw TestFailure("GET \(uri): \(reply.status) \(reply.text)") }
        return reply.lines.compactMap { $0["id"]?.stringValue }
    }

    /// Every id of `GET uri` read `pageSize` at a time, each page resuming after the last id
    /// of the one before (`after=`).
    func pagedIDs(_ uri: String, pageSize: Int) async throws -> [String] {
        var all: [String] = []
        while true {
            let separator = uri.contains("?") ? "&" : "?"
            let after = all.last.map { "&after=\($0)" } ?? ""
            let page = try await ids("\(uri)\(separator)limit=\(pageSize)\(after)")
            all += page
            if page.count < pageSize { return all }
        }
    }

    /// The first line's error detail `parameter`.
    func badParameter(_ uri: String) async throws -> String? {
        let reply = try await send(.get, uri)
        guard reply.status == .badRequest else { return "status \(reply.status)" }
        return reply.object["error"]?["parameter"]?.stringValue
    }
}
