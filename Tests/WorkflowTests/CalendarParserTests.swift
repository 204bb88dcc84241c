import Foundation
import Testing

@testable import Workflow

@Suite("Reading the calendars file")
struct CalendarParserTests {
    private static func period(_ text: String) -> WorkingPeriod {
        WorkingPeriod(parsing: text)!
    }

    private static func day(_ text: String) -> CalendarDay {
        CalendarDay(parsing: text)!
    }

    @Test func theSampleFileLoads() throws {
        let calendars = try CalendarParser.parse(CalendarFixtures.sample, file: "workflows/calendars.yaml")
        #expect(calendars.keys.sorted() == ["24x7", "support-hours"])
        let support = try #require(calendars["support-hours"])
        #expect(support.name == "support-hours")
        #expect(support.timeZoneIdentifier == "Asia/Shanghai")
        #expect(support.timeZone.identifier == "Asia/Shanghai")
        #expect(support.weeklyHours[.monday] == [Self.period("09:00-18:00")])
        #expect(support.weeklyHours[.friday] == [Self.period("09:00-18:00")])
        #expect(support.weeklyHours[.saturday] == [Self.period("10:00-16:00")])
        #expect(support.weeklyHours[.sunday] == nil)
        #expect(support.holidays == [Self.day("2026-10-01"), Self.day("2026-10-02"), Self.day("2026-10-03")])
        #expect(support.workdays == [Self.day("2026-10-11"): [Self.period("09:00-18:00")]])
        #expect(calendars["24x7"]?.weeklyHours.count == 7)
    }

    @Test func theShippedCalendarsFileLoadsWhenPresent() throws {
        let path = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("workflows/calendars.yaml").path
        guard let source = try? String(contentsOfFile: path, encoding: .utf8) else { return }
        let calendars = try CalendarParser.parse(source, file: "workflows/calendars.yaml")
        #expect(calendars["24x7"] != nil)
    }

    @Test func theBuiltInTwentyFourSevenExistsWithoutBeingDefined() throws {
        let calendars = try CalendarParser.parse(
            "office:\n  timezone: Europe/Berlin\n  hours: {mon-fri: \"09:00-17:00\"}\n", file: "calendars.yaml")
        #expect(calendars["24x7"] == BusinessCalendar.twentyFourSeven)
        #expect(try CalendarParser.parse("# nothing yet\n", file: "calendars.yaml") == ["24x7": .twentyFourSeven])
        #expect(try CalendarParser.parse("", file: "calendars.yaml") == ["24x7": .twentyFourSeven])
    }

    @Test func theFileMayRedefineTwentyFourSeven() throws {
        let calendars = try CalendarParser.parse(
            "24x7:\n  timezone: Asia/Shanghai\n  hours: {mon-sun: \"00:00-24:00\"}\n", file: "calendars.yaml")
        #expect(calendars["24x7"]?.timeZoneIdentifier == "Asia/Shanghai")
    }

    @Test func dayRangesWrapPastSunday() throws {
        let calendar = try CalendarFixtures.calendar(
            "weekend:\n  timezone: UTC\n  hours: {fri-mon: \"10:00-14:00\", wed: \"08:00-09:00\"}\n", name: "weekend")
        #expect(calendar.weeklyHours.keys.sorted() == [.monday, .wednesday, .friday, .saturday, .sunday])
    }

    @Test func aDayMayHaveSeveralRangesInAnyOrder() throws {
        let calendar = try CalendarFixtures.calendar(
            """
            office:
              timezone: UTC
              hours:
                mon-fri: ["13:00-18:00", "09:00-12:00"]
                sat: ["09:00-12:00", "12:00-13:00"]
                sun: "20:00-24:00"
            """, name: "office")
        #expect(calendar.weeklyHours[.tuesday] == [Self.period("09:00-12:00"), Self.period("13:00-18:00")])
        // Ranges that touch are one stretch of work.
        #expect(calendar.weeklyHours[.saturday] == [Self.period("09:00-13:00")])
        #expect(calendar.weeklyHours[.sunday] == [WorkingPeriod(start: 1_200, end: 1_440)!])
    }

    @Test func makeUpWorkdaysTakeMondaysHoursOrTheirOwn() throws {
        let calendar = try CalendarFixtures.calendar(
            """
            office:
              timezone: Asia/Shanghai
              hours: {mon: ["09:00-12:00", "13:00-18:00"], tue-fri: "09:00-17:00"}
              workdays:
                - 2026-09-27
                - {date: 2026-10-10, hours: "10:00-15:00"}
                - {date: 2026-10-17}
            """, name: "office")
        let monday = [Self.period("09:00-12:00"), Self.period("13:00-18:00")]
        #expect(calendar.workdays[Self.day("2026-09-27")] == monday)
        #expect(calendar.workdays[Self.day("2026-10-10")] == [Self.period("10:00-15:00")])
        #expect(calendar.workdays[Self.day("2026-10-17")] == monday)
    }

    @Test func withoutMondayHoursWorkdaysTakeTheFirstWorkingWeekdays() throws {
        let calendar = try CalendarFixtures.calendar(
            "shop:\n  timezone: UTC\n  hours: {sat: \"10:00-16:00\", wed-thu: \"12:00-20:00\"}\n  workdays: [2026-10-12]\n",
            name: "shop")
        #expect(calendar.workdays[Self.day("2026-10-12")] == [Self.period("12:00-20:00")])
    }

    @Test func unquotedRangesAndDatesReadAsWritten() throws {
        let calendar = try CalendarFixtures.calendar(
            "plain:\n  timezone: UTC\n  hours: {mon: 09:00-18:00}\n  holidays: [2026-12-25]\n", name: "plain")
        #expect(calendar.weeklyHours[.monday] == [Self.period("09:00-18:00")])
        #expect(calendar.holidays == [Self.day("2026-12-25")])
    }
}
