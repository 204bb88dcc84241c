import Foundation
import Testing
@testable import Workflow

/// How a calendar describes itself: hours grouped as a calendars file writes them, its regular
/// week, and instants on its wall clock.
@Suite struct BusinessCalendarSummaryTests {
    @Test func daysWithTheSameHoursJoinIntoRangesMondayFirst() throws {
        let calendars = try CalendarParser.parse(
            """
            shop:
              timezone: Europe/Berlin
              hours:
                mon-wed: ["09:00-12:00", "13:00-18:00"]
                thu: "09:00-20:00"
                fri: ["09:00-12:00", "13:00-18:00"]
                sat-sun: "10:00-14:00"
            """, file: "calendars.yaml")
        let shop = try #require(calendars["shop"])
        let summary = shop.hoursSummary.map { "\($0.days) \($0.periods.map(\.description).joined(separator: ","))" }
        #expect(
            summary == [
                "mon-wed 09:00-12:00,13:00-18:00", "thu 09:00-20:00", "fri 09:00-12:00,13:00-18:00",
                "sat-sun 10:00-14:00",
            ])
        #expect(shop.regularWeekSeconds == (4 * 8 + 11 + 2 * 4) * 3600)
        #expect(BusinessCalendar.twentyFourSeven.hoursSummary.map(\.days) == ["mon-sun"])
    }

    @Test func localTimesCarryTheCalendarsOffset() throws {
        let shanghai = try #require(
            BusinessCalendar(name: "cn", timeZoneIdentifier: "Asia/Shanghai", weeklyHours: [.monday: [.wholeDay]]))
        let instant = try #require(ISO8601DateFormatter().date(from: "2026-11-21T05:00:00Z"))
        #expect(shanghai.localTimeText(instant) == "2026-11-21T13:00:00+08:00")
        #expect(BusinessCalendar.twentyFourSeven.localTimeText(instant) == "2026-11-21T05:00:00Z")
    }
}
