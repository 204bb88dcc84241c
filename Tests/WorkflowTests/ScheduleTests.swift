import Foundation
import Testing

@testable import Workflow

/// `schedules:`: work that recurs, read from the file and planned on a calendar.
@Suite("Schedules")
struct ScheduleTests {
    static let source = """
        workflow: drills
        key: DRL
        team: risk
        calendar: support-hours
        fields:
          scenario: {type: enum, values: [outage, recall], default: outage}
        states:
          open: {initial: true}
          done: {final: true}
        transitions:
          finish: {from: open, to: done}
        schedules:
          weekly-scan:
            every: monday 09:00
            skip_holidays: true
            title: "Scan {date}"
          quarterly-drill:
            cron: "30 10 1 jan,apr,jul,oct *"
            calendar: 24x7
            title: Contingency drill
            team: ops
            fields: {scenario: recall}
        """

    /// Weekdays 09:00–18:00 in Shanghai; 2026-10-05 (a Monday) is a holiday, Sunday 2026-10-11 a
    /// make-up workday.
    static let supportHours = BusinessCalendar(
        name: "support-hours", timeZoneIdentifier: "Asia/Shanghai",
        weeklyHours: Dictionary(
            uniqueKeysWithValues: [Weekday.monday, .tuesday, .wednesday, .thursday, .friday].map {
                ($0, [WorkingPeriod(parsing: "09:00-18:00")!])
            }),
        holidays: [CalendarDay(parsing: "2026-10-05")!],
        workdays: [CalendarDay(parsing: "2026-10-11")!: [WorkingPeriod(parsing: "09:00-18:00")!]])!

    static func instant(_ text: String) -> Date { RFC3339.parse(text)! }

    @Test func schedulesReadWithTheirTimingCalendarAndTaskValues() throws {
        let workflow = try Fixtures.parse(Self.source)
        let scan = try #require(workflow.schedule(named: "weekly-scan"))
        #expect(scan.recurrence == .every("monday 09:00"))
        #expect(scan.calendar == "support-hours")
        #expect(scan.skipsDaysOff)
        #expect(scan.timing == "every monday 09:00 in support-hours skipping days off")
        #expect(scan.title(on: CalendarDay(parsing: "2026-12-07")!) == "Scan 2026-12-07")
        let drill = try #require(workflow.schedule(named: "quarterly-drill"))
        #expect(drill.calendar == "24x7")
        #expect(drill.team == "ops")
        #expect(drill.fields == ["scenario": "recall"])
        #expect(drill.timing == "cron 30 10 1 jan,apr,jul,oct * in 24x7")
    }

    @Test func theNextOccurrenceIsReadOnTheCalendarsWallClock() throws {
        let scan = try #require(try Fixtures.parse(Self.source).schedule(named: "weekly-scan"))
        // Monday 09:00 in Shanghai is 01:00 UTC.
        #expect(
            scan.nextOccurrence(after: Self.instant("2026-12-02T10:00:00Z"), in: Self.supportHours)
                == Self.instant("2026-12-07T01:00:00Z"))
        // Strictly after: the occurrence itself leads to the next week's.
        #expect(
            scan.nextOccurrence(after: Self.instant("2026-12-07T01:00:00Z"), in: Self.supportHours)
                == Self.instant("2026-12-14T01:00:00Z"))
        // A minute before is still the same day's.
        #expect(
            scan.nextOccurrence(after: Self.instant("2026-12-07T00:59:00Z"), in: Self.supportHours)
                == Self.instant("2026-12-07T01:00:00Z"))
    }

    @Test func aDayOffIsSkippedOnlyWhenAsked() throws {
        let workflow = try Fixtures.parse(Self.source)
        let scan = try #require(workflow.schedule(named: "weekly-scan"))
        // 2026-10-05 is a holiday: the scan moves to the Monday after.
        #expect(
            scan.nextOccurrence(after: Self.instant("2026-10-01T00:00:00Z"), in: Self.supportHours)
                == Self.instant("2026-10-12T01:00:00Z"))
        let daily = WorkflowSchedule(
            name: "daily", recurrence: .every("day 09:00"), cron: try CronExpression(parsing: "0 9 * * *"),
            calendar: "support-hours", skipsDaysOff: true, title: "Daily")
        // Saturday and Sunday have no hours; the make-up Sunday 2026-10-11 has.
        #expect(
            daily.nextOccurrence(after: Self.instant("2026-10-09T02:00:00Z"), in: Self.supportHours)
                == Self.instant("2026-10-11T01:00:00Z"))
        let always = WorkflowSchedule(
            name: "daily", recurrence: .every("day 09:00"), cron: try CronExpression(parsing: "0 9 * * *"),
            calendar: "support-hours", skipsDaysOff: false, title: "Daily")
        #expect(
            always.nextOccurrence(after: Self.instant("2026-10-09T02:00:00Z"), in: Self.supportHours)
                == Self.instant("2026-10-10T01:00:00Z"))
    }

    @Test func aTimeTheClockSkipsFiresAnHourLaterAndARepeatedOneOnce() throws {
        let newYork = BusinessCalendar(
            name: "ny", timeZoneIdentifier: "America/New_York",
            weeklyHours: [.sunday: [WorkingPeriod.wholeDay]])!
        let early = WorkflowSchedule(
            name: "early", recurrence: .cron("30 2 * * *"), cron: try CronExpression(parsing: "30 2 * * *"),
            calendar: "ny", skipsDaysOff: false, title: "Early")
        // 2026-03-08 02:30 does not exist in New York: 03:30 EDT, 07:30 UTC.
        #expect(
            early.nextOccurrence(after: Self.instant("2026-03-08T05:00:00Z"), in: newYork)
                == Self.instant("2026-03-08T07:30:00Z"))
        let repeated = WorkflowSchedule(
            name: "late", recurrence: .cron("30 1 * * *"), cron: try CronExpression(parsing: "30 1 * * *"),
            calendar: "ny", skipsDaysOff: false, title: "Late")
        // 2026-11-01 01:30 happens twice; the first (EDT, 05:30 UTC) fires, then the next day's.
        let first = repeated.nextOccurrence(after: Self.instant("2026-11-01T04:00:00Z"), in: newYork)
        #expect(first == Self.instant("2026-11-01T05:30:00Z"))
        #expect(repeated.nextOccurrence(after: first!, in: newYork) == Self.instant("2026-11-02T06:30:00Z"))
    }

    @Test(arguments: [
        ("day 09:00", "0 9 * * *"), ("weekday 17:30", "30 17 * * 1-5"), ("monday 09:00", "0 9 * * 1"),
        ("mon,thu 14:05", "5 14 * * 1,4"), ("Sunday 00:00", "0 0 * * 0"), ("month 1 09:00", "0 9 1 * *"),
    ])
    func everyPhrasesStandForCronExpressions(phrase: String, cron: String) {
        #expect(EveryPhrase.cron(phrase) == cron)
    }

    @Test(arguments: ["monday", "monday 9", "monday 24:00", "tuesdya 09:00", "month 32 09:00", "09:00", ""])
    func everyPhrasesThatDoNotRead(phrase: String) {
        #expect(EveryPhrase.cron(phrase) == nil)
    }

    @Test func cronMatchesEitherDayFieldWhenBothAreRestricted() throws {
        let cron = try CronExpression(parsing: "0 9 1 * mon")
        #expect(cron.matches(CalendarDay(parsing: "2026-12-01")!))  // the 1st, a Tuesday
        #expect(cron.matches(CalendarDay(parsing: "2026-12-07")!))  // a Monday
        #expect(!cron.matches(CalendarDay(parsing: "2026-12-08")!))
        let steps = try CronExpression(parsing: "*/20 8-10/2 * * 7")
        #expect(steps.minutes == [0, 20, 40])
        #expect(steps.hours == [8, 10])
        #expect(steps.matches(CalendarDay(parsing: "2026-12-06")!))  // 7 is Sunday too
    }

    @Test(arguments: [
        ("0 9 * *", "a cron expression has 5 fields (minute hour day-of-month month day-of-week), not 4"),
        ("60 9 * * *", "cron minute '60' must be *, a number, a range a-b or a step */n within 0-59"),
        ("0 9 * foo *", "cron month 'foo' must be *, a number, a range a-b or a step */n within 1-12"),
        ("0 9 5-1 * *", "cron day-of-month '5-1' must be *, a number, a range a-b or a step */n within 1-31"),
        ("0 */0 * * *", "cron hour '*/0' must be *, a number, a range a-b or a step */n within 0-23"),
    ])
    func badCronExpressionsSayWhichField(text: String, message: String) {
        #expect(throws: CronExpressionError.self) { try CronExpression(parsing: text) }
        do {
            _ = try CronExpression(parsing: text)
        } catch {
            #expect(error.description == message)
        }
    }

    @Test(arguments: [
        ("weekly: {title: T}", "schedule 'weekly' needs one of 'every' or 'cron'"),
        ("weekly: {every: day 09:00, cron: '0 9 * * *', title: T}", "schedule 'weekly' needs one of 'every' or 'cron'"),
        (
            "weekly: {every: tuesdya 09:00, title: T}",
            "schedule 'weekly': every 'tuesdya 09:00' does not read; write " + EveryPhrase.forms
        ),
        (
            "weekly: {cron: '0 9 30 feb *', title: T}",
            "schedule 'weekly' never fires: no date matches its days and months"
        ),
        ("weekly: {every: day 09:00}", "schedule 'weekly' is missing 'title'"),
        ("weekly: {every: day 09:00, title: T, owner: x}", "unknown key 'owner' in schedule 'weekly'"),
        ("Weekly: {every: day 09:00, title: T}", "schedule name 'Weekly' must use only a-z, 0-9 and '-'"),
        (
            "weekly: {every: day 09:00, title: T, fields: {scenario: flood}}",
            "schedule 'weekly' creates tasks with field 'scenario': must be one of outage, recall"
        ),
    ])
    func badSchedulesAreRefusedWithTheirLine(schedule: String, message: String) throws {
        let source = Self.source.replacingOccurrences(
            of: Self.source[Self.source.range(of: "schedules:")!.lowerBound...], with: "schedules:\n  \(schedule)\n")
        let error = try #require(Fixtures.loadError(source))
        #expect(error.message.hasPrefix(message), "\(error.message)")
        #expect(error.line == 13)
    }

    @Test func aCalendarNotDefinedIsRefusedByTheLibrary() {
        let errors = Fixtures.libraryErrors([
            Fixtures.calendars,
            Fixtures.minimal(
                "drills", key: "DRL", extra: "schedules:\n  scan: {every: day 09:00, title: T, calendar: drill-hours}"),
        ])
        #expect(
            errors.map(\.message) == [
                "calendar 'drill-hours' is not defined in calendars.yaml (known: 24x7, support-hours)"
            ])
        #expect(errors.first?.line == 10)
    }
}
