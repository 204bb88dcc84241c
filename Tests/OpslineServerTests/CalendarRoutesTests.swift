import Foundation
import Testing
import Workflow

@testable import OpslineServer

/// `GET /v1/calendars` and the deadline calculator, on the shipped `workflows/calendars.yaml`:
/// `support-hours` is Asia/Shanghai (+08:00), Monday to Friday 09:00-18:00, Saturday 10:00-16:00,
/// with holidays on 2026-10-01…03 and a make-up workday on Sunday 2026-10-11.
@Suite struct CalendarRoutesTests {
    @Test func everyCalendarIsListedWithItsHoursHolidaysAndWorkdays() async throws {
        let server = try await TestServer.make()
        let viewer = try await server.mint(.viewer, teams: ["support"])
        try await server.run { api in
            let reply = try await api.send(.get, "/v1/calendars", token: viewer)
            #expect(reply.status == .ok)
            let names = reply.lines.strings("name")
            #expect(names == names.sorted(), "by name")
            #expect(names.contains("24x7") && names.contains("support-hours"), "\(names)")
            let support = try #require(reply.lines.first { $0["name"] == "support-hours" })
            #expect(support["timezone"] == "Asia/Shanghai")
            #expect(support["hours"] == ["mon-fri": ["09:00-18:00"], "sat": ["10:00-16:00"]])
            #expect(support["week_s"] == .int(51 * 3600))
            #expect(support["holidays"] == ["2026-10-01", "2026-10-02", "2026-10-03"])
            #expect(support["workdays"] == [["date": "2026-10-11", "hours": ["09:00-18:00"]]])
            let always = try #require(reply.lines.first { $0["name"] == "24x7" })
            #expect(always["hours"] == ["mon-sun": ["00:00-24:00"]])
            if let office = reply.lines.first(where: { $0["name"] == "business-hours" }) {
                #expect(office["hours"] == ["mon-fri": ["09:00-12:00", "13:00-18:00"]], "a lunch break")
                #expect(office["week_s"] == .int(40 * 3600))
            }
        }
    }

    @Test(arguments: [
        // Friday 17:00: one hour on Friday, three on Saturday morning.
        ("2026-11-20T17:00:00+08:00", "4h", "2026-11-21T05:00:00.000Z", "2026-11-21T13:00:00+08:00"),
        // Saturday 15:00: one hour on Saturday, none on Sunday, one on Monday.
        ("2026-11-21T15:00:00+08:00", "2h", "2026-11-23T02:00:00.000Z", "2026-11-23T10:00:00+08:00"),
        // The National Day holidays (Thursday to Saturday) and Sunday do not work.
        ("2026-09-30T17:00:00+08:00", "2h", "2026-10-05T02:00:00.000Z", "2026-10-05T10:00:00+08:00"),
        // The make-up Sunday works Monday's hours.
        ("2026-10-10T17:00:00+08:00", "1h", "2026-10-11T02:00:00.000Z", "2026-10-11T10:00:00+08:00"),
        // 1d is 24 working hours: Monday 09:00 + 9 + 9 + 6 hours (ends mid-Wednesday).
        ("2026-11-23T01:00:00Z", "1d", "2026-11-25T07:00:00.000Z", "2026-11-25T15:00:00+08:00"),
    ])
    func theDeadlineCountsWorkingTimeOnly(from: String, duration: String, dueAt: String, local: String) async throws {
        try await TestServer.make().run { api in
            let escaped = from.replacingOccurrences(of: "+", with: "%2B")
            let reply = try await api.send(.get, "/v1/calendars/support-hours/due?from=\(escaped)&duration=\(duration)")
            #expect(reply.status == .ok, "\(reply.text)")
            #expect(reply.object["calendar"] == "support-hours")
            #expect(reply.object["timezone"] == "Asia/Shanghai")
            #expect(reply.object["from"]?.stringValue.flatMap(RFC3339.parse) == RFC3339.parse(from))
            #expect(reply.object["duration"]?.stringValue == duration)
            #expect(reply.object["duration_s"]?.intValue == Int(WorkDuration(parsing: duration)!.seconds))
            #expect(reply.object["due_at"]?.stringValue == dueAt)
            #expect(reply.object["due_at_local"]?.stringValue == local)
        }
    }

    @Test func plainTimeCountsOn24x7AndAnUnescapedPlusStillReadsAsAnOffset() async throws {
        try await TestServer.make().run { api in
            let reply = try await api.send(.get, "/v1/calendars/24x7/due?from=2026-11-20T17:00:00+08:00&duration=1d4h")
            #expect(reply.object["due_at"] == "2026-11-21T13:00:00.000Z")
            #expect(reply.object["duration_s"] == 100_800)
            let now = try await api.send(.get, "/v1/calendars/24x7/due?duration=0")
            let from = try #require(now.object["from"]?.stringValue.flatMap(RFC3339.parse))
            #expect(abs(from.timeIntervalSinceNow) < 60, "from defaults to now")
            #expect(now.object["due_at"] == now.object["from"])
        }
    }

    @Test func unknownCalendarsAre404AndBadParameters400NamingThem() async throws {
        try await TestServer.make().run { api in
            let unknown = try await api.send(.get, "/v1/calendars/moon-hours/due?duration=1h")
            #expect(unknown.status == .notFound)
            #expect(unknown.errorCode == "not_found")
            #expect(unknown.object["error"]?["message"]?.stringValue?.contains("moon-hours") == true)
            let cases = [
                ("duration=4", "duration"), ("duration=4h&from=tomorrow", "from"), ("from=2026-11-20", "duration"),
                ("duration=soon", "duration"), ("duration=999999999999d", "duration"),
            ]
            for (query, parameter) in cases {
                let reply = try await api.send(.get, "/v1/calendars/support-hours/due?\(query)")
                #expect(reply.status == .badRequest, "\(query)")
                #expect(reply.errorCode == "bad_request")
                #expect(reply.object["error"]?["parameter"]?.stringValue == parameter, "\(query): \(reply.text)")
            }
            #expect(try await api.send(.get, "/v1/calendars", token: nil).status == .unauthorized)
        }
    }
}
