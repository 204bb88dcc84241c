import Foundation
import OpslineStore
import TestSupport
import Testing
@testable import Workflow

@testable import OpslineServer

/// Recurring work through the API: a workflow published with `schedules:` lists them with their
/// next occurrence on `GET /v1/schedules`, and the scheduler (on the test's time, from Wednesday
/// 2026-12-02 10:00 UTC) creates the task of each occurrence.
@Suite struct ScheduleRoutesTests {
    static let drills = """
        workflow: drill-demo
        key: DMO
        team: risk
        fields:
          scenario: {type: enum, values: [outage, recall], default: outage}
        states:
          planned: {initial: true}
          done: {final: true}
        transitions:
          finish: {from: planned, to: done}
        schedules:
          weekly-check:
            every: weekday 09:00
            title: "Plan check {date}"
          recall-drill:
            cron: "0 10 1 */3 *"
            title: Recall drill
            team: ops
            fields: {scenario: recall}
        """

    @Test func schedulesAreListedWithTheirNextOccurrenceAndCreateTheirTasks() async throws {
        let time = TestTime(start: RFC3339.parse("2026-12-02T10:00:00Z")!)
        let server = try await TestServer.make(time: time)
        try await server.run { api in
            #expect(try await api.put("drill-demo", Self.drills).status == .created)
            let listed = try await api.send(.get, "/v1/schedules?workflow=drill-demo").lines
            #expect(listed.map { $0["schedule"] } == ["weekly-check", "recall-drill"])
            #expect(listed.map { $0["next_at"] } == ["2026-12-03T09:00:00.000Z", "2027-01-01T10:00:00.000Z"])
            #expect(listed.first?["every"] == "weekday 09:00")
            #expect(listed.first?["team"] == "risk")
            #expect(listed.last?["cron"] == "0 10 1 */3 *")
            #expect(listed.last?["fields"] == ["scenario": "recall"])
            let definition = try await api.send(.get, "/v1/workflows/drill-demo").object
            #expect(definition["schedules"]?.arrayValue?.count == 2)

            try await RunningScheduler.with(server.database, time: time) { running in
                await running.advance(by: .seconds(23 * 3600))
                let tasks = try await running.until({
                    try await api.send(.get, "/v1/tasks?workflow=drill-demo").lines
                }) { !$0.isEmpty }
                #expect(tasks.map { $0["title"] } == ["Plan check 2026-12-03"])
                #expect(tasks.first?["state"] == "planned")
                #expect(tasks.first?["fields"]?["scenario"] == "outage")
                let next = try await running.until({
                    try await api.send(.get, "/v1/schedules?workflow=drill-demo").lines.first?["next_at"]
                }) { $0 == "2026-12-04T09:00:00.000Z" }
                #expect(next == "2026-12-04T09:00:00.000Z")
            }
        }
    }

    @Test func anUnknownWorkflowIsNotFoundAndAWorkflowWithoutSchedulesListsNone() async throws {
        try await TestServer.make().run { api in
            let unknown = try await api.send(.get, "/v1/schedules?workflow=nope")
            #expect(unknown.status == .notFound)
            #expect(unknown.errorCode == "not_found")
            let none = try await api.send(.get, "/v1/schedules?workflow=complaint-escalation")
            #expect(none.status == .ok)
            #expect(none.lines.isEmpty)
        }
    }

    @Test func aScheduleThatDoesNotReadIsRefusedWithItsLine() async throws {
        try await TestServer.make().run { api in
            let broken = Self.drills.replacingOccurrences(of: "weekday 09:00", with: "weekdays 09:00")
            let reply = try await api.put("drill-demo", broken)
            #expect(reply.status == .unprocessableContent)
            #expect(reply.text.contains("every 'weekdays 09:00' does not read"))
            #expect(reply.text.contains("drill-demo.yaml:13: schedule 'weekly-check'"))
        }
    }
}
