import Foundation
import OpslineStore
import TestSupport
import Testing
@testable import Workflow

@testable import OpslineServer

/// SLA cycles and attribution through the API, on the shipped complaint workflow with the
/// scheduler running on the test's time: a reopened complaint's `resolution` clock starts a second
/// cycle that breaches and escalates on its own; each breach is charged to the team that held the
/// complaint when it fell due, whatever team an escalation handed it to since.
@Suite struct SLACycleServerTests {
    /// `alice` works in support, `bob` in support-l2 (whom escalations hand complaints to).
    static func withComplaintDesk(
        _ body: @Sendable (TestServer, APIClient, RunningScheduler) async throws -> Void
    ) async throws {
        let time = TestTime()
        let server = try await TestServer.make(time: time)
        try await server.addUser("alice", ["support": .member])
        try await server.addUser("bob", ["support-l2": .member])
        try await server.run { api in
            try await RunningScheduler.with(server.database, time: time) { running in
                try await body(server, api, running)
            }
        }
    }

    /// A p1 complaint assigned to alice, being investigated (its first response met).
    static func investigatedComplaint(_ api: APIClient) async throws -> String {
        let created = try await api.create(
            #"{"workflow":"complaint-escalation","title":"Refund missing","fields":{"customer":"ACME","severity":"p1"},"assignee":"alice"}"#
        )
        let id = try #require(created["id"]?.stringValue)
        _ = try await api.advance(id, "investigate")
        return id
    }

    /// The task line's `resolution` clocks, every cycle.
    static func resolutionClocks(_ task: [String: JSONValue]) -> [JSONValue] {
        (task["sla"]?.arrayValue ?? []).filter { $0["policy"] == "resolution" }
    }

    /// Lets time run to the deadline of the running `resolution` clock, and waits until the
    /// scheduler has breached it and its first escalation level handed the task to support-l2.
    static func breachResolution(
        of id: String, _ api: APIClient, _ running: RunningScheduler
    ) async throws -> [String: JSONValue] {
        let task = try await api.task(id)
        let clock = try #require(resolutionClocks(task).last)
        #expect(clock["state"] == "running")
        let due = try #require(clock["due_at"]?.stringValue.flatMap(RFC3339.parse))
        await running.advance(by: .milliseconds(Int64((due.timeIntervalSince(running.time.now) * 1000).rounded(.up))))
        return try await running.until({ try await api.task(id) }) {
            $0["team"] == "support-l2" && resolutionClocks($0).last?["escalation_level"] == 1
        }
    }

    @Test func aReopenedComplaintGetsASecondResolutionCycleThatBreachesAndEscalatesOnItsOwn() async throws {
        try await Self.withComplaintDesk { _, api, running in
            let id = try await Self.investigatedComplaint(api)
            let escalated = try await Self.breachResolution(of: id, api, running)
            #expect(escalated["assignee"] == "bob", "support-l2's rule gave it to bob")
            _ = try await api.advance(id, "resolve", fields: #"{"resolution":"Refunded"}"#)
            // Back with the first line, and reopened: the customer is not satisfied.
            let handedBack = try await api.send(
                .patch, "/v1/tasks/\(id)", body: #"{"team":"support","assignee":"alice"}"#)
            #expect(handedBack.status == .ok, "\(handedBack.text)")
            let reopened = try await api.advance(id, "reopen")
            let cycles = Self.resolutionClocks(reopened)
            #expect(cycles.map { $0["cycle"] } == [1, 2])
            #expect(cycles.map { $0["state"] } == ["breached", "running"])
            #expect(cycles.last?["escalation_level"] == 0)
            #expect(cycles.last?["started_at"] == reopened["updated_at"], "cycle 2 starts at the reopening")
            #expect(cycles.first?["breached_team"] == "support" && cycles.first?["stopped_team"] == "support-l2")

            // Cycle 2 has its own deadline, breach and escalation: support-l2 again.
            let again = try await Self.breachResolution(of: id, api, running)
            let after = Self.resolutionClocks(again)
            #expect(after.map { $0["state"] } == ["breached", "breached"])
            #expect(after.map { $0["escalation_level"] } == [1, 1])
            #expect(after.map { $0["breached_team"] } == ["support", "support"])
            #expect(after.map { $0["breached_assignee"] } == ["alice", "alice"])
            let events = try await api.send(.get, "/v1/tasks/\(id)/events").lines
            let resolutionEvents = events.filter {
                $0["data"]?["policy"] == "resolution"
                    && ($0["type"]?.stringValue.map { $0.hasPrefix("sla_") || $0 == "escalated" } ?? false)
            }
            #expect(
                resolutionEvents.map { "\($0["type"]?.stringValue ?? "") \($0["data"]?["cycle"]?.intValue ?? 0)" } == [
                    "sla_started 1", "sla_warning 1", "sla_breached 1", "escalated 1", "sla_stopped 1",
                    "sla_started 2", "sla_warning 2", "sla_breached 2", "escalated 2",
                ])

            // Reports count each cycle: two breaches of resolution, one per cycle.
            let report = try await api.send(.get, "/v1/reports/sla?by=policy,cycle&workflow=complaint-escalation")
            #expect(report.status == .ok, "\(report.text)")
            let lines = report.lines.map { "\($0["policy"]?.stringValue ?? "") \($0["cycle"]?.intValue ?? 0)" }
            #expect(lines == ["first_response 1", "resolution 1", "resolution 2"])
            let resolution = report.lines.filter { $0["policy"] == "resolution" }
            #expect(resolution.map { $0["breached"] } == [1, 1] && resolution.map { $0["total"] } == [1, 1])
            let overall = try await api.send(.get, "/v1/reports/sla?by=policy&workflow=complaint-escalation").lines
            #expect(overall.first { $0["policy"] == "resolution" }?["breached"] == 2)

            let breaches = try await api.send(.get, "/v1/sla/breaches?policy=resolution").lines
            #expect(breaches.map { $0["cycle"] } == [2, 1], "newest breach first")
            #expect(breaches.allSatisfy { $0["breached_team"] == "support" && $0["escalated_to"] == "support-l2" })

            // The task's state now is its current cycle's: breached, not due.
            let breachedList = try await api.send(.get, "/v1/tasks?breached=true").lines
            #expect(breachedList.map { $0["id"] } == [.string(id)])
        }
    }

    /// A step scheduled for cycle 1 that is still waiting when cycle 2 has started (a replica
    /// claimed it late, or a build before cycles wrote it without one) does nothing: cycle 2 keeps
    /// its own warning, breach and escalation. The test applies due work itself, no scheduler
    /// running, so that it knows when each row was applied.
    /// A second follow-up call after a reopen has its own deadline: the `follow_up` clock,
    /// met on the first call, starts cycle 2 when the complaint enters `follow_up` again.
    @Test func aSecondFollowUpCallGetsItsOwnCycle() async throws {
        try await Self.withComplaintDesk { _, api, _ in
            let id = try await Self.investigatedComplaint(api)
            for round in 1...2 {
                _ = try await api.advance(id, "resolve", fields: #"{"resolution":"refund sent, take \#(round)"}"#)
                _ = try await api.advance(id, "schedule_follow_up")
                _ = try await api.advance(id, "follow_up_done", fields: #"{"follow_up_notes":"call \#(round)"}"#)
                if round == 1 { _ = try await api.advance(id, "reopen") }
            }
            let followUps = (try await api.task(id)["sla"]?.arrayValue ?? []).filter { $0["policy"] == "follow_up" }
            #expect(followUps.map { $0["cycle"] } == [1, 2], "\(followUps)")
            #expect(followUps.allSatisfy { $0["state"] == "met" }, "\(followUps)")
        }
    }

    @Test func staleDueWorkOfCycleOneDoesNothingToCycleTwo() async throws {
        let time = TestTime()
        let server = try await TestServer.make(time: time)
        try await server.addUser("alice", ["support": .member])
        try await server.run { api in
            let id = try await Self.investigatedComplaint(api)
            _ = try await api.advance(id, "resolve", fields: #"{"resolution":"Refunded"}"#)
            let reopened = try await api.advance(id, "reopen")
            let cycle2 = try #require(Self.resolutionClocks(reopened).last)
            #expect(cycle2["cycle"] == 2 && cycle2["state"] == "running")
            // Cycle 2 waits for its warning; a warning, and a breach, of cycle 1 fall due now.
            try await server.database.pool.withConnection { connection in
                try await connection.query(
                    """
                    INSERT INTO due_work (kind, task_id, due_at, payload) VALUES
                        ('sla', $1, $2, '{"policy": "resolution", "cycle": 1, "step": "warning"}'),
                        ('sla', $1, $2, '{"policy": "resolution", "step": "warning"}'),
                        ('sla', $1, $2, '{"policy": "resolution", "cycle": 1, "step": "breach"}')
                    """, [id, time.now])
            }
            #expect(try await server.database.dueWork.runDue() == 3)
            let task = try await api.task(id)
            let clock = try #require(Self.resolutionClocks(task).last)
            #expect(clock["cycle"] == 2 && clock["state"] == "running")
            #expect(clock["warned_at"] == nil && clock["breached_at"] == nil)
            let events = try await api.send(.get, "/v1/tasks/\(id)/events").lines
            #expect(events.filter { $0["data"]?["cycle"] == 2 }.map { $0["type"] } == ["sla_started"])

            // Its own warning still comes at its time.
            let waiting = try #require(try await server.database.dueWork.secondsUntilNextDue())
            await time.advance(by: .milliseconds(Int64((waiting * 1000).rounded(.up))))
            #expect(try await server.database.dueWork.runDue() == 1)
            let warned = try #require(Self.resolutionClocks(try await api.task(id)).last)
            #expect(warned["cycle"] == 2 && warned["warned_at"] != nil && warned["breached_at"] == nil)
        }
    }

    /// The complaint breaches in support and the escalation hands it to support-l2: the breach is
    /// support's, in the report by team and in the breaches support asks for, with the team it
    /// went to beside it; support-l2 is charged nothing.
    @Test func aBreachIsChargedToTheTeamThatHeldTheTaskWhenItFellDue() async throws {
        try await Self.withComplaintDesk { server, api, running in
            let id = try await Self.investigatedComplaint(api)
            _ = try await Self.breachResolution(of: id, api, running)
            let task = try await api.task(id)
            #expect(task["team"] == "support-l2")

            let report = try await api.send(.get, "/v1/reports/sla?by=team,policy&workflow=complaint-escalation")
            #expect(report.status == .ok, "\(report.text)")
            let support = report.lines.filter { $0["team"] == "support" }
            #expect(support.first { $0["policy"] == "resolution" }?["breached"] == 1, "\(report.text)")
            #expect(support.first { $0["policy"] == "first_response" }?["met"] == 1, "\(report.text)")
            #expect(
                report.lines.filter { $0["team"] == "support-l2" }.allSatisfy { $0["breached"] == 0 },
                "support-l2 absorbs no breach it did not cause: \(report.text)")
            let filtered = try await api.send(.get, "/v1/reports/sla?team=support-l2&workflow=complaint-escalation")
            #expect(filtered.lines.first.map { $0["breached"] == 0 } ?? true, "\(filtered.text)")

            let supports = try await api.send(.get, "/v1/sla/breaches?team=support").lines
            #expect(supports.count == 1)
            let breach = try #require(supports.first)
            #expect(breach["task"] == .string(id) && breach["policy"] == "resolution")
            #expect(breach["team"] == "support-l2", "the task's team now")
            #expect(breach["breached_team"] == "support" && breach["breached_assignee"] == "alice")
            #expect(breach["escalated_to"] == "support-l2")
            #expect(try await api.send(.get, "/v1/sla/breaches?team=support-l2").lines.isEmpty)

            // A support member sees the breach charged to support, though the task left support.
            let alice = try await api.send(.get, "/v1/sla/breaches", token: try await server.mintPersonal("alice"))
            #expect(alice.lines.map { $0["task"] } == [.string(id)], "\(alice.text)")
        }
    }
}
