import Foundation
import Testing

@testable import Workflow

@Suite("Deadlines in working time")
struct BusinessCalendarDeadlineTests {
    private typealias F = CalendarFixtures

    /// `start + duration` in the calendar `name` is due at `expected`.
    private func expectDue(
        _ name: String, from start: String, adding duration: String, at expected: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let calendar = try F.named(name)
        let work = try #require(WorkDuration(parsing: duration), sourceLocation: sourceLocation)
        #expect(try calendar.due(from: F.at(start), adding: work) == F.at(expected), sourceLocation: sourceLocation)
        #expect(
            calendar.workingTime(from: F.at(start), to: F.at(expected)) == TimeInterval(work.seconds),
            sourceLocation: sourceLocation)
    }

    @Test func aStartBeforeHoursCountsFromOpening() throws {
        try expectDue(
            "shanghai-office", from: "2026-03-09T07:00:00+08:00", adding: "1h", at: "2026-03-09T10:00:00+08:00")
    }

    @Test func aStartDuringHoursCountsAtOnce() throws {
        try expectDue(
            "shanghai-office", from: "2026-03-09T10:30:00+08:00", adding: "2h", at: "2026-03-09T12:30:00+08:00")
    }

    @Test func aStartAfterHoursCountsFromTheNextMorning() throws {
        try expectDue(
            "shanghai-office", from: "2026-03-09T20:00:00+08:00", adding: "1h", at: "2026-03-10T10:00:00+08:00")
    }

    @Test func aDeadlineAtClosingTimeIsClosingTimeNotTheNextMorning() throws {
        try expectDue(
            "shanghai-office", from: "2026-03-09T09:00:00+08:00", adding: "9h", at: "2026-03-09T18:00:00+08:00")
    }

    @Test func fridayEveningPlusFourHoursIsMondayMorning() throws {
        try expectDue(
            "shanghai-office", from: "2026-03-06T19:00:00+08:00", adding: "4h", at: "2026-03-09T13:00:00+08:00")
        try expectDue(
            "shanghai-office", from: "2026-03-06T17:00:00+08:00", adding: "4h", at: "2026-03-09T12:00:00+08:00")
    }

    @Test func saturdayHoursCountInTheSupportCalendar() throws {
        try expectDue("support-hours", from: "2026-03-06T19:00:00+08:00", adding: "4h", at: "2026-03-07T14:00:00+08:00")
        try expectDue("support-hours", from: "2026-03-07T15:00:00+08:00", adding: "2h", at: "2026-03-09T10:00:00+08:00")
    }

    @Test func oneDayIsTwentyFourWorkingHoursNotOneWorkingDay() throws {
        // 24 working hours on 09:00-18:00 weekdays: 9 on Monday, 9 on Tuesday, 6 on Wednesday.
        try expectDue(
            "shanghai-office", from: "2026-03-09T09:00:00+08:00", adding: "1d", at: "2026-03-11T15:00:00+08:00")
    }

    @Test func theNationalHolidayWeekIsSkipped() throws {
        // Wednesday 30 September 17:00, one working hour left that day; 1 to 7 October are off.
        try expectDue("national-day", from: "2026-09-30T17:00:00+08:00", adding: "2h", at: "2026-10-08T10:00:00+08:00")
        try expectDue("support-hours", from: "2026-09-30T17:00:00+08:00", adding: "2h", at: "2026-10-05T10:00:00+08:00")
    }

    @Test func makeUpWorkdaysOnWeekendsCount() throws {
        // Sunday 27 September works Monday's hours, lunch break included.
        try expectDue("national-day", from: "2026-09-26T10:00:00+08:00", adding: "4h", at: "2026-09-27T14:00:00+08:00")
        // Saturday 10 October works its own morning only.
        try expectDue("national-day", from: "2026-10-09T17:00:00+08:00", adding: "2h", at: "2026-10-10T10:00:00+08:00")
        try expectDue("national-day", from: "2026-10-09T17:00:00+08:00", adding: "5h", at: "2026-10-12T10:00:00+08:00")
        // Sunday 11 October in the support calendar, whose holidays end on Saturday the 3rd.
        try expectDue("support-hours", from: "2026-10-10T15:00:00+08:00", adding: "2h", at: "2026-10-11T10:00:00+08:00")
    }

    @Test func lunchBreaksDoNotCount() throws {
        try expectDue("national-day", from: "2026-09-21T11:00:00+08:00", adding: "2h", at: "2026-09-21T14:00:00+08:00")
        try expectDue("national-day", from: "2026-09-21T12:15:00+08:00", adding: "30m", at: "2026-09-21T13:30:00+08:00")
        try expectDue("national-day", from: "2026-09-21T09:00:00+08:00", adding: "3h", at: "2026-09-21T12:00:00+08:00")
        try expectDue(
            "new-york-office", from: "2026-06-01T12:00:00-04:00", adding: "1h", at: "2026-06-01T14:00:00-04:00")
    }

    @Test func twentyFourSevenIsPlainElapsedTime() throws {
        let calendar = BusinessCalendar.twentyFourSeven
        let start = F.at("2026-03-07T23:59:30+08:00")
        #expect(try calendar.due(from: start, adding: 3 * 86_400 + 45) == start + 3 * 86_400 + 45)
        #expect(calendar.workingTime(from: start, to: start + 1_000_000) == 1_000_000)
        #expect(calendar.isWorking(at: start))
    }

    @Test func aZeroDurationIsDueAtTheStartEvenOutsideHours() throws {
        let calendar = try F.named("shanghai-office")
        let sundayNight = F.at("2026-03-08T03:00:00+08:00")
        #expect(try calendar.due(from: sundayNight, adding: 0) == sundayNight)
        #expect(try calendar.due(from: sundayNight, adding: WorkDuration(seconds: 0)) == sundayNight)
    }

    @Test func fractionsOfASecondAreKept() throws {
        let calendar = try F.named("shanghai-office")
        #expect(
            try calendar.due(from: F.at("2026-03-09T10:00:00.250+08:00"), adding: 0.5)
                == F.at("2026-03-09T10:00:00.750+08:00"))
        #expect(
            try calendar.due(from: F.at("2026-03-09T17:59:59.500+08:00"), adding: 1)
                == F.at("2026-03-10T09:00:00.500+08:00"))
        #expect(
            calendar.workingTime(from: F.at("2026-03-09T17:59:59.500+08:00"), to: F.at("2026-03-10T09:00:00.500+08:00"))
                == 1)
    }

    @Test func workingTimeIsZeroWhenTheEndIsNotAfterTheStart() throws {
        let calendar = try F.named("shanghai-office")
        let noon = F.at("2026-03-09T12:00:00+08:00")
        #expect(calendar.workingTime(from: noon, to: noon) == 0)
        #expect(calendar.workingTime(from: noon, to: noon - 3_600) == 0)
        #expect(
            calendar.workingTime(from: F.at("2026-03-07T00:00:00+08:00"), to: F.at("2026-03-09T09:00:00+08:00")) == 0)
    }

    @Test func theNextWorkingMomentSkipsNightsWeekendsAndHolidays() throws {
        let calendar = try F.named("support-hours")
        #expect(
            calendar.nextWorkingMoment(from: F.at("2026-09-30T19:00:00+08:00")) == F.at("2026-10-05T09:00:00+08:00"))
        #expect(
            calendar.nextWorkingMoment(from: F.at("2026-10-10T16:00:00+08:00")) == F.at("2026-10-11T09:00:00+08:00"))
        #expect(calendar.isWorking(at: F.at("2026-10-11T09:00:00+08:00")))
        #expect(!calendar.isWorking(at: F.at("2026-10-10T16:00:00+08:00")))
    }

    @Test func aCalendarWithOnlyMakeUpDaysRunsOutOfWorkingTime() throws {
        let day = try #require(CalendarDay(parsing: "2026-10-11"))
        let calendar = try #require(
            BusinessCalendar(
                name: "one-day", timeZoneIdentifier: "UTC", weeklyHours: [:],
                workdays: [day: [WorkingPeriod(parsing: "09:00-10:00")!]]))
        let start = F.at("2026-10-01T00:00:00Z")
        #expect(try calendar.due(from: start, adding: 1_800) == F.at("2026-10-11T09:30:00Z"))
        #expect(try calendar.due(from: start, adding: 7_200) == .distantFuture)
        #expect(calendar.nextWorkingMoment(from: F.at("2026-10-11T10:00:00Z")) == .distantFuture)
        #expect(calendar.workingTime(from: start, to: F.at("2027-01-01T00:00:00Z")) == 3_600)
    }

    @Test func anUnknownTimeZoneMakesNoCalendar() throws {
        #expect(BusinessCalendar(name: "x", timeZoneIdentifier: "Mars/Olympus", weeklyHours: [:]) == nil)
    }

    @Test func monthsOfWorkingTimeLandOnTheExpectedDay() throws {
        // 30d = 720 working hours = 80 nine-hour days = 16 weeks, Monday 09:00 to Friday 18:00.
        try expectDue(
            "shanghai-office", from: "2026-03-02T09:00:00+08:00", adding: "30d", at: "2026-06-19T18:00:00+08:00")
        // The same across Berlin's spring change, two Easter holidays and a worked Sunday (29 March):
        // one working day later.
        try expectDue(
            "berlin-office", from: "2026-03-02T09:00:00+01:00", adding: "30d", at: "2026-06-22T18:00:00+02:00")
    }

    /// Years of working time come out exact (and, skipping whole weeks, in milliseconds rather
    /// than the minutes minute-stepping would take; speed is not asserted on shared machines).
    @Test func yearsOfWorkingTimeAreExact() throws {
        let calendar = try F.named("berlin-office")
        let start = F.at("2026-01-05T09:00:00+01:00")
        let due = try calendar.due(from: start, adding: 20 * 365 * 86_400)
        #expect(calendar.workingTime(from: start, to: due) == 20 * 365 * 86_400)
    }
}
