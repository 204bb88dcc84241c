import Foundation
import OpslineStore
import TestSupport
import Testing
import Workflow

/// A workflow's `assign:` rule gives a task arriving in a team without an assignee to one of the
/// team's active managers and members, in the creating or escalating transaction.
@Suite struct RuleAssignmentTests {
    /// A 24x7 workflow of team `support` whose `rule` assigns its tasks; its clock escalates to
    /// `support-l2` at 2 s, where `round_robin` assigns them.
    static func workflow(rule: String) -> String {
        """
        workflow: rota
        key: ROT
        team: support
        calendar: 24x7
        assign:
          - {team: support-l2, rule: round_robin}
          - {rule: \(rule)}
        states:
          open: {initial: true}
          done: {final: true}
        transitions:
          finish: {from: open, to: done}
        slas:
          response:
            start: created
            stop: {enter: [done]}
            target: 2s
            escalate:
              - {after: 0, team: support-l2}
        """
    }

    /// A server with the workflow published and support's people: `ann`, `ben` and `cat`
    /// members, `mia` its manager only when `manager`, `vic` a viewer, `dan` disabled; `lee` and
    /// `max` in `support-l2`.
    static func server(rule: String, time: TestTime = TestTime(), manager: Bool = false) async throws -> TestServer {
        let server = try await TestServer.make(time: time)
        try await server.database.workflows.publish(source: workflow(rule: rule), file: "rota.yaml")
        for name in ["ann", "ben", "cat"] { try await server.addUser(name, ["support": .member]) }
        if manager { try await server.addUser("mia", ["support": .manager]) }
        try await server.addUser("vic", ["support": .viewer])
        try await server.addUser("dan", ["support": .member])
        _ = try await server.database.people.setDisabled("dan", true)
        for name in ["lee", "max"] { try await server.addUser(name, ["support-l2": .member]) }
        return server
    }

    @Test func leastLoadedSpreadsThirtyComplaintsCreatedAtOnceTenEach() async throws {
        let server = try await Self.server(rule: "least_loaded")
        try await server.run { api in
            let assignees = try await withThrowingTaskGroup(of: String?.self) { group in
                for index in 1...30 {
                    group.addTask { try await api.createRota("complaint \(index)")["assignee"]?.stringValue }
                }
                return try await group.reduce(into: [String: Int]()) { $0[$1 ?? "nobody", default: 0] += 1 }
            }
            #expect(assignees == ["ann": 10, "ben": 10, "cat": 10], "never the viewer, the disabled or nobody")
        }
    }

    @Test func leastLoadedCountsWhatEachHoldsAndTiesGoToWhoseTurnIsOldest() async throws {
        let server = try await Self.server(rule: "least_loaded")
        try await server.run { api in
            // ann already holds two open tasks, given by hand.
            for title in ["held 1", "held 2"] {
                #expect(try await api.createRota(title, extra: #","assignee":"ann""#)["assignee"] == "ann")
            }
            var picks: [String] = []
            for index in 1...5 {
                picks.append(try await api.createRota("new \(index)")["assignee"]?.stringValue ?? "-")
            }
            // ben and cat catch up with ann; at three tasks each, ann (never served by a rule) first.
            #expect(picks == ["ben", "cat", "ben", "cat", "ann"])

            // A closed task is no load: ben, with one fewer open task, is next.
            let bens = try await api.ids("/v1/tasks?assignee=ben")
            try await api.moveOK(try #require(bens.first), "finish")
            #expect(try await api.createRota("after a close")["assignee"] == "ben")
        }
    }

    @Test func roundRobinGoesInTurnAndTheEventsNameTheRule() async throws {
        let server = try await Self.server(rule: "round_robin", manager: true)
        try await server.run { api in
            var picks: [String] = []
            var ids: [String] = []
            for index in 1...8 {
                let task = try await api.createRota("task \(index)")
                picks.append(task["assignee"]?.stringValue ?? "-")
                ids.append(task["id"]?.stringValue ?? "")
            }
            #expect(picks == ["ann", "ben", "cat", "mia", "ann", "ben", "cat", "mia"], "managers take turns too")

            let created = try #require(
                try await api.send(.get, "/v1/tasks/\(ids[0])/events").lines.first { $0["type"] == "created" })
            #expect(created["data"]?["assignee"] == "ann")
            #expect(created["data"]?["assigned_by"] == "round_robin")

            // A task given by hand does not take a turn; one created with an assignee keeps it.
            #expect(try await api.createRota("by hand", extra: #","assignee":"cat""#)["assignee"] == "cat")
            #expect(try await api.createRota("next")["assignee"] == "ann")
            let user = try await api.send(.get, "/v1/users/cat").object
            #expect(user["last_assigned_at"] != .null, "the person's last assignment is noted, by hand or by rule")
        }
    }

    @Test func aTeamWithNobodyToAssignLeavesTheTaskUnassigned() async throws {
        let server = try await TestServer.make()
        try await server.database.workflows.publish(source: Self.workflow(rule: "round_robin"), file: "rota.yaml")
        try await server.addUser("vic", ["support": .viewer])
        try await server.run { api in
            let task = try await api.createRota("nobody here")
            #expect(task["assignee"] == .null)
            let created = try #require(
                try await api.send(.get, "/v1/tasks/\(task["id"]?.stringValue ?? "")/events").lines.first)
            #expect(created["data"]?["assigned_by"] == nil)
        }
    }

    /// The clock escalates to `support-l2` at 2 s: its rule gives the tasks (ann's, ben's and
    /// cat's, whom least_loaded gave them) to lee and max in turn, in the escalating transaction, and the `assigned` event says which rule did.
    @Test func anEscalationToAnotherTeamIsAssignedByThatTeamsRule() async throws {
        let time = TestTime()
        let server = try await Self.server(rule: "least_loaded", time: time)
        try await RunningScheduler.with(server.database, time: time) { running in
            try await server.run { api in
                var ids: [String] = []
                for index in 1...3 { ids.append(try await api.createRota("slow \(index)")["id"]?.stringValue ?? "") }
                await running.advance(by: .seconds(2))
                var escalated: [String] = []
                for id in ids {
                    let task = try await running.until({ try await api.task(id) }) { $0["team"] == "support-l2" }
                    escalated.append(task["assignee"]?.stringValue ?? "-")
                }
                // In turn, whichever clock the scheduler stepped first: lee, max, lee.
                #expect(escalated.sorted() == ["lee", "lee", "max"], "\(escalated)")
                let assigned = try #require(
                    try await api.send(.get, "/v1/tasks/\(ids[0])/events").lines.last { $0["type"] == "assigned" })
                #expect(assigned["data"]?["team"] == ["from": "support", "to": "support-l2"])
                #expect(assigned["data"]?["assigned_by"] == "round_robin")
                #expect(assigned["data"]?["assignee"]?["to"] == JSONValue.string(escalated[0]))
            }
        }
    }
}

extension APIClient {
    /// Creates a task of the `rota` workflow and returns its line; `extra` adds keys to the line.
    func createRota(_ title: String, extra: String = "") async throws -> JSONValue {
        let reply = try await send(.post, "/v1/tasks", body: #"{"workflow":"rota","title":"\#(title)"\#(extra)}"#)
        guard reply.status == .created else { throw TestFailure("create failed: \(reply.status) \(reply.text)") }
        return JSONValue.object(reply.object)
    }
}
