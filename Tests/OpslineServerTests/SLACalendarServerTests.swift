import Foundation
import OpslineStore
import TestSupport
import Testing
@testable import Workflow

@testable import OpslineServer

/// Calendars by severity on the shipped complaint workflow, with the scheduler running on the
/// test's time: a p1 complaint is answered round the clock (全天候), a p3 one within support hours
/// (Shanghai, Mon–Fri 09:00–18:00, Sat 10:00–16:00).
@Suite struct SLACalendarServerTests {
    /// Saturday 28 November 2026, 23:00 in Shanghai: support hours are over until Monday 09:00.
    static let saturdayNight = Date(timeIntervalSince1970: 1_795_878_000)

    static func withComplaintDesk(
        _ body: @Sendable (APIClient, RunningScheduler) async throws -> Void
    ) async throws {
        #expect(saturdayNight == at("2026-11-28T23:00:00+08:00"))
        let time = TestTime(start: saturdayNight)
        let server = try await TestServer.make(time: time)
        try await server.run { api in
            try await RunningScheduler.with(server.database, time: time) { running in
                try await body(api, running)
            }
        }
    }

    static func complaint(_ api: APIClient, severity: String) async throws -> String {
        let created = try await api.create(
            #"{"workflow":"complaint-escalation","title":"Site down","fields":{"customer":"ACME","severity":"\#(severity)"}}"#
        )
        return try #require(created["id"]?.stringValue)
    }

    /// The task line's current clock of `policy`.
    static func clock(_ task: [String: JSONValue], _ policy: String) -> JSONValue? {
        (task["sla"]?.arrayValue ?? []).last { $0["policy"]?.stringValue == policy }
    }

    static func due(_ task: [String: JSONValue], _ policy: String) -> Date? {
        clock(task, policy)?["due_at"]?.stringValue.flatMap(RFC3339.parse)
    }

    static func at(_ text: String) -> Date? { RFC3339.parse(text) }

    @Test func aP1ComplaintOnSaturdayNightBreachesHalfAnHourLaterWhileAP3WaitsForSupportHours() async throws {
        try await Self.withComplaintDesk { api, running in
            let urgent = try await Self.complaint(api, severity: "p1")
            let routine = try await Self.complaint(api, severity: "p3")
            let urgentTask = try await api.task(urgent)
            #expect(Self.clock(urgentTask, "first_response")?["calendar"] == "24x7")
            #expect(Self.due(urgentTask, "first_response") == Self.at("2026-11-28T23:30:00+08:00"))
            #expect(Self.due(urgentTask, "resolution") == Self.at("2026-11-29T03:00:00+08:00"))
            let routineTask = try await api.task(routine)
            #expect(Self.clock(routineTask, "first_response")?["calendar"] == "support-hours")
            // Eight working hours from Monday 09:00.
            #expect(Self.due(routineTask, "first_response") == Self.at("2026-11-30T17:00:00+08:00"))
            // 27 working hours: three support days, Monday to Wednesday.
            #expect(Self.due(routineTask, "resolution") == Self.at("2026-12-02T18:00:00+08:00"))

            await running.advance(by: .seconds(30 * 60))
            let breached = try await running.until({ try await api.task(urgent) }) {
                Self.clock($0, "first_response")?["state"] == "breached"
            }
            let breachedAt = Self.clock(breached, "first_response")?["breached_at"]?.stringValue.flatMap(RFC3339.parse)
            #expect(breachedAt == Self.at("2026-11-28T23:30:00+08:00"))
            #expect(breached["priority"] == "p1", "raised as far as it goes")
            // No working time of support hours passed: the p3 complaint has all eight hours left.
            let waiting = try await api.task(routine)
            #expect(Self.clock(waiting, "first_response")?["state"] == "running")
            #expect(Self.clock(waiting, "first_response")?["remaining_s"] == .int(8 * 3600))
            let breaches = try await api.send(.get, "/v1/sla/breaches?policy=first_response").lines
            #expect(breaches.map { $0["task"] } == [.string(urgent)])
            #expect(breaches.first?["calendar"] == "24x7")
        }
    }

    @Test func raisingAComplaintToP1CountsTheRestOfItsTargetRoundTheClock() async throws {
        try await Self.withComplaintDesk { api, running in
            let id = try await Self.complaint(api, severity: "p3")
            await running.advance(by: .seconds(10 * 60))
            let raised = try await api.send(.patch, "/v1/tasks/\(id)", body: #"{"fields":{"severity":"p1"}}"#)
            #expect(raised.status == .ok, "\(raised.text)")
            let task = try #require(raised.lines.first?.objectValue)
            #expect(Self.clock(task, "first_response")?["calendar"] == "24x7")
            // No support hours passed before the raise: the whole 30 minutes run from 23:10.
            #expect(Self.due(task, "first_response") == Self.at("2026-11-28T23:40:00+08:00"))
            let events = try await api.send(.get, "/v1/tasks/\(id)/events").lines
            let retargeted = events.last { $0["type"] == "sla_retargeted" && $0["data"]?["policy"] == "first_response" }
            #expect(retargeted?["data"]?["calendar"] == "24x7")
        }
    }
}
