import Foundation
import TestSupport
import Testing
import Workflow

/// `workflows/routine-work.yaml`: the playbooks' recurring practices, created by the server on
/// their calendars for the teams that do them, done with what they found or skipped by a manager.
@Suite struct RoutineWorkFlowTests {
    @Test func eachPracticeIsCreatedOnItsDayForItsTeam() async throws {
        // Wednesday 2026-12-02, 10:00 in Shanghai.
        let time = TestTime(start: RFC3339.parse("2026-12-02T02:00:00Z")!)
        let server = try await TestServer.make(time: time, schedules: true)
        let manager = try await server.mint(.manager, teams: ["marketing"], name: "cmo-gao")
        try await server.run { api in
            let schedules = try await api.send(.get, "/v1/schedules?workflow=routine-work").lines
            #expect(
                schedules.map { $0["schedule"]?.stringValue } == [
                    "content-calendar", "goal-review", "competitor-scan", "satisfaction-review", "risk-training",
                ], "\(schedules)")
            #expect(
                schedules.map { $0["next_at"]?.stringValue } == [
                    "2026-12-04T06:00:00.000Z", "2026-12-05T07:00:00.000Z", "2026-12-07T01:30:00.000Z",
                    "2027-01-01T02:00:00.000Z", "2027-03-10T06:00:00.000Z",
                ])
            try await RunningScheduler.with(server.database, time: time) { running in
                await running.advance(by: .seconds(6 * 86_400))
                let created = try await running.until({
                    try await api.send(.get, "/v1/tasks?workflow=routine-work").lines
                }) { $0.count == 3 }
                #expect(
                    created.map { $0["title"]?.stringValue } == [
                        "内容日历 Content calendar for the week after 2026-12-04", "目标回顾 Monthly goal review 2026-12-05",
                        "竞品监测 Competitor scan 2026-12-07",
                    ])
                #expect(created.map { $0["team"]?.stringValue } == ["marketing", "marketing", "marketing"])
                #expect(
                    created.map { $0["fields"]?["kind"]?.stringValue } == [
                        "content_calendar", "goal_review", "competitor_scan",
                    ])
                let scan = try #require(created.last?["id"]?.stringValue)
                let unfound = try await api.fire(scan, "complete")
                #expect(unfound.errorList("missing_fields") == ["findings"])
                let done = try await api.advance(
                    scan, "complete", fields: #"{"findings":"Rival cut 15% on the flagship strap; no new SKUs"}"#)
                #expect(done["state"] == "done")
                let calendar = try #require(created.first?["id"]?.stringValue)
                let skipped = try await api.advance(
                    calendar, "skip", fields: #"{"skip_reason":"Content freeze for the annual report"}"#,
                    token: manager)
                #expect(skipped["state"] == "skipped")
            }
        }
    }
}
