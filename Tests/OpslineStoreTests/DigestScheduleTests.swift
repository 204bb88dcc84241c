import Foundation
import Testing

@testable import OpslineStore
@testable import Workflow

/// When a daily digest falls due, on a calendar's working days in its time zone: a pure value,
/// tested without a database or a clock.
@Suite struct DigestScheduleTests {
    /// Shanghai office hours, Mon–Fri, with National Day off and a make-up Saturday.
    static let office = BusinessCalendar(
        name: "office", timeZoneIdentifier: "Asia/Shanghai",
        weeklyHours: Dictionary(
            uniqueKeysWithValues: [Weekday.monday, .tuesday, .wednesday, .thursday, .friday].map {
                ($0, [WorkingPeriod(parsing: "09:00-18:00")!])
            }),
        holidays: [CalendarDay(parsing: "2026-10-01")!, CalendarDay(parsing: "2026-10-02")!],
        workdays: [CalendarDay(parsing: "2026-10-10")!: [WorkingPeriod(parsing: "09:00-18:00")!]])!
    static let nine = DigestSchedule(minute: 540, calendar: office)

    static func at(_ text: String) -> Date { RFC3339.parse(text)! }

    @Test func readsTimesOfDay() {
        #expect(DigestSchedule.minute(parsing: "09:00") == 540)
        #expect(DigestSchedule.minute(parsing: "23:59") == 1439)
        #expect(DigestSchedule.minute(parsing: "00:00") == 0)
        for bad in ["24:00", "9:00", "09:60", "09:00:00", "", "nine"] {
            #expect(DigestSchedule.minute(parsing: bad) == nil, "\(bad)")
        }
    }

    @Test func isDueFromItsLocalTimeOnAWorkingDayUntilTheDayEnds() {
        // Thursday 3 December 2026.
        #expect(Self.nine.due(at: Self.at("2026-12-03T08:59:59+08:00")) == nil)
        let due = Self.nine.due(at: Self.at("2026-12-03T09:00:00+08:00"))
        #expect(due?.day.description == "2026-12-03")
        #expect(due?.at == Self.at("2026-12-03T09:00:00+08:00"))
        #expect(Self.nine.due(at: Self.at("2026-12-03T23:59:00+08:00"))?.day.description == "2026-12-03")
        // 01:00 UTC on the 3rd is 09:00 in Shanghai: the local date counts, not UTC's.
        #expect(Self.nine.due(at: Self.at("2026-12-03T01:00:00Z"))?.day.description == "2026-12-03")
        #expect(Self.nine.due(at: Self.at("2026-12-03T00:59:00Z")) == nil)
    }

    @Test func skipsWeekendsAndHolidaysButKeepsMakeUpWorkdays() {
        #expect(Self.nine.due(at: Self.at("2026-12-05T10:00:00+08:00")) == nil, "Saturday")
        #expect(Self.nine.next(after: Self.at("2026-12-04T09:00:00+08:00"))?.at == Self.at("2026-12-07T09:00:00+08:00"))
        #expect(Self.nine.due(at: Self.at("2026-10-01T10:00:00+08:00")) == nil, "National Day")
        #expect(Self.nine.next(after: Self.at("2026-09-30T09:00:00+08:00"))?.at == Self.at("2026-10-05T09:00:00+08:00"))
        #expect(Self.nine.due(at: Self.at("2026-10-10T09:30:00+08:00"))?.day.description == "2026-10-10")
        #expect(Self.nine.previousWorkingDay(before: CalendarDay(parsing: "2026-12-07")!).description == "2026-12-04")
        #expect(Self.nine.nextWorkingDay(after: CalendarDay(parsing: "2026-09-30")!).description == "2026-10-05")
    }

    @Test func keepsTheWallClockAcrossAClockChange() {
        let newYork = BusinessCalendar(
            name: "ny", timeZoneIdentifier: "America/New_York",
            weeklyHours: Dictionary(uniqueKeysWithValues: Weekday.allCases.map { ($0, [WorkingPeriod.wholeDay]) }))!
        let schedule = DigestSchedule(minute: 540, calendar: newYork)
        #expect(schedule.occurrence(on: CalendarDay(parsing: "2026-03-07")!).at == Self.at("2026-03-07T09:00:00-05:00"))
        #expect(schedule.occurrence(on: CalendarDay(parsing: "2026-03-08")!).at == Self.at("2026-03-08T09:00:00-04:00"))
        #expect(schedule.occurrence(on: CalendarDay(parsing: "2026-11-01")!).at == Self.at("2026-11-01T09:00:00-05:00"))
    }
}
