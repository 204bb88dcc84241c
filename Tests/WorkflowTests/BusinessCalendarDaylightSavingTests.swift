import Foundation
import Testing

@testable import Workflow

/// Clock changes in 2026: New York springs forward on 8 March (02:00 EST → 03:00 EDT) and falls
/// back on 1 November (02:00 EDT → 01:00 EST); Berlin on 29 March (02:00 CET → 03:00 CEST) and
/// 25 October (03:00 CEST → 02:00 CET).
@Suite("Working time across daylight-saving changes")
struct BusinessCalendarDaylightSavingTests {
    private typealias F = CalendarFixtures

    // Calendars that work all of Sunday and nothing else, so working time is not elapsed time.

    @Test func aWholeSpringForwardDayHoldsTwentyThreeHours() throws {
        let newYork = try F.named("new-york-sundays")
        #expect(
            newYork.workingTime(from: F.at("2026-03-07T00:00:00-05:00"), to: F.at("2026-03-10T00:00:00-04:00")) == 23
                * 3_600)
        let berlin = try F.named("berlin-sundays")
        #expect(
            berlin.workingTime(from: F.at("2026-03-28T00:00:00+01:00"), to: F.at("2026-03-31T00:00:00+02:00")) == 23
                * 3_600)
    }

    @Test func aWholeFallBackDayHoldsTwentyFiveHours() throws {
        let newYork = try F.named("new-york-sundays")
        #expect(
            newYork.workingTime(from: F.at("2026-10-31T00:00:00-04:00"), to: F.at("2026-11-03T00:00:00-05:00")) == 25
                * 3_600)
        let berlin = try F.named("berlin-sundays")
        #expect(
            berlin.workingTime(from: F.at("2026-10-24T00:00:00+02:00"), to: F.at("2026-10-27T00:00:00+01:00")) == 25
                * 3_600)
    }

    @Test func twentyFourWorkingHoursFromAChangingSundayEndOnTheNextSundayOrTheSameEvening() throws {
        let newYork = try F.named("new-york-sundays")
        // Spring forward: the Sunday holds 23 hours, the 24th is the first hour of the next Sunday.
        #expect(
            try newYork.due(from: F.at("2026-03-07T12:00:00-05:00"), adding: 23 * 3_600)
                == F.at("2026-03-09T00:00:00-04:00"))
        #expect(
            try newYork.due(from: F.at("2026-03-07T12:00:00-05:00"), adding: 86_400)
                == F.at("2026-03-15T01:00:00-04:00"))
        // Fall back: 24 hours end at 23:00 on the wall that same Sunday.
        #expect(
            try newYork.due(from: F.at("2026-10-31T12:00:00-04:00"), adding: 86_400)
                == F.at("2026-11-01T23:00:00-05:00"))
        let berlin = try F.named("berlin-sundays")
        #expect(
            try berlin.due(from: F.at("2026-03-28T12:00:00+01:00"), adding: 86_400) == F.at("2026-04-05T01:00:00+02:00")
        )
        #expect(
            try berlin.due(from: F.at("2026-10-24T12:00:00+02:00"), adding: 86_400) == F.at("2026-10-25T23:00:00+01:00")
        )
    }

    @Test func aCalendarOfWholeDaysIsElapsedTimeEvenWhenClocksChange() throws {
        let newYork = try F.named("new-york-always")
        #expect(
            newYork.workingTime(from: F.at("2026-03-08T00:00:00-05:00"), to: F.at("2026-03-09T00:00:00-04:00")) == 23
                * 3_600)
        #expect(
            try newYork.due(from: F.at("2026-11-01T00:00:00-04:00"), adding: 86_400)
                == F.at("2026-11-01T23:00:00-05:00"))
    }

    @Test func hoursThatFallIntoTheSkippedHourOnlyCountWhatExists() throws {
        // 01:00-03:00 on 8 March in New York: 01:00-02:00 EST exists, 02:00-03:00 does not.
        let night = try F.named("new-york-night")
        #expect(
            night.workingTime(from: F.at("2026-03-08T00:00:00-05:00"), to: F.at("2026-03-08T12:00:00-04:00")) == 3_600)
        #expect(
            try night.due(from: F.at("2026-03-08T01:30:00-05:00"), adding: 1_800) == F.at("2026-03-08T03:00:00-04:00"))
        #expect(
            try night.due(from: F.at("2026-03-08T01:30:00-05:00"), adding: 3_600) == F.at("2026-03-09T01:30:00-04:00"))
        // Berlin's Sunday 02:00-04:00 on 29 March is the hour 03:00-04:00 CEST.
        let berlin = try F.named("berlin-night")
        #expect(
            berlin.workingTime(from: F.at("2026-03-29T00:00:00+01:00"), to: F.at("2026-03-29T12:00:00+02:00")) == 3_600)
        #expect(
            try berlin.due(from: F.at("2026-03-28T12:00:00+01:00"), adding: 60) == F.at("2026-03-29T03:01:00+02:00"))
    }

    @Test func hoursThatHoldTheRepeatedHourCountItTwice() throws {
        // 01:00-03:00 on 1 November in New York: 01:00-02:00 EDT, 01:00-02:00 EST, 02:00-03:00 EST.
        let night = try F.named("new-york-night")
        #expect(
            night.workingTime(from: F.at("2026-11-01T00:00:00-04:00"), to: F.at("2026-11-01T12:00:00-05:00")) == 3
                * 3_600)
        #expect(
            try night.due(from: F.at("2026-11-01T01:30:00-04:00"), adding: 3_600) == F.at("2026-11-01T01:30:00-05:00"))
        #expect(
            try night.due(from: F.at("2026-11-01T01:00:00-04:00"), adding: 3 * 3_600)
                == F.at("2026-11-01T03:00:00-05:00"))
        // Berlin's Sunday 02:00-04:00 on 25 October: 02:00-03:00 CEST, 02:00-03:00 CET, 03:00-04:00 CET.
        let berlin = try F.named("berlin-night")
        #expect(
            berlin.workingTime(from: F.at("2026-10-25T00:00:00+02:00"), to: F.at("2026-10-25T12:00:00+01:00")) == 3
                * 3_600)
        #expect(
            try berlin.due(from: F.at("2026-10-25T02:30:00+02:00"), adding: 3_600) == F.at("2026-10-25T02:30:00+01:00"))
    }

    @Test func officeHoursKeepTheirWallClockTimesAcrossTheChange() throws {
        let newYork = try F.named("new-york-office")
        // Friday 16:00 EST + 2h: one hour on Friday, then Monday 09:00 EDT + 1h.
        #expect(
            try newYork.due(from: F.at("2026-03-06T16:00:00-05:00"), adding: 7_200) == F.at("2026-03-09T10:00:00-04:00")
        )
        #expect(
            try newYork.due(from: F.at("2026-10-30T16:00:00-04:00"), adding: 7_200) == F.at("2026-11-02T10:00:00-05:00")
        )
        let week = newYork.workingTime(from: F.at("2026-03-02T00:00:00-05:00"), to: F.at("2026-03-16T00:00:00-04:00"))
        #expect(week == 2 * 5 * 7 * 3_600)
        let berlin = try F.named("berlin-office")
        // Friday 17:00 CET + 2h: Sunday 29 March is a make-up workday, so it lands on Sunday 10:00 CEST.
        #expect(
            try berlin.due(from: F.at("2026-03-27T17:00:00+01:00"), adding: 7_200) == F.at("2026-03-29T10:00:00+02:00"))
        // Friday 23 October 17:00 CEST + 11h: 1h on Friday, 9h on the make-up Sunday of the change
        // (in CET by 09:00), Monday 26 is a holiday, 1h on Tuesday.
        #expect(
            try berlin.due(from: F.at("2026-10-23T17:00:00+02:00"), adding: 36_000) == F.at("2026-10-25T18:00:00+01:00")
        )
        #expect(
            try berlin.due(from: F.at("2026-10-23T17:00:00+02:00"), adding: 39_600) == F.at("2026-10-27T10:00:00+01:00")
        )
    }

    @Test func weeksSkippedAroundTheChangeAreNotAnHourOff() throws {
        // Weeks that contain a clock change are walked day by day, so the 23-hour and the 25-hour
        // Sundays are exact while the weeks around them are skipped whole.
        let sundays = try F.named("berlin-sundays")
        let start = F.at("2026-03-02T00:00:00+01:00")
        // Three whole Sundays (72h), the 23 hours of 29 March, then one hour of 5 April.
        #expect(try sundays.due(from: start, adding: 96 * 3_600) == F.at("2026-04-05T01:00:00+02:00"))
        // 35 Sundays from 8 March to 1 November, one an hour short and one an hour long.
        #expect(sundays.workingTime(from: start, to: F.at("2026-11-02T00:00:00+01:00")) == 35 * 24 * 3_600)
        #expect(sundays.workingTime(from: start, to: F.at("2026-10-24T00:00:00+02:00")) == (33 * 24 - 1) * 3_600)
    }

    // The examples of docs/calendars.md, "Clock changes", exactly as written there.

    /// The calendars of the examples. Santiago's clocks change at midnight: on Sunday 6 September
    /// 2026 00:00 (-04) becomes 01:00 (-03); at the end of Saturday 4 April 2026 24:00 (-03)
    /// becomes 23:00 (-04).
    static let documented = """
        new-york-repeated:
          timezone: America/New_York
          hours: {sun: "01:30-03:00"}
        new-york-skipped:
          timezone: America/New_York
          hours: {sun: "00:00-02:30"}
        santiago-sundays:
          timezone: America/Santiago
          hours: {sun: "00:00-24:00"}
        santiago-late-saturdays:
          timezone: America/Santiago
          hours: {sat: "22:00-24:00"}
        """

    private func documented(_ name: String) throws -> BusinessCalendar {
        try F.calendar(Self.documented, name: name)
    }

    @Test func docsARangePartlyCoveringTheRepeatedHour() throws {
        let calendar = try documented("new-york-repeated")
        // 01:30-02:00 EDT, 01:30-02:00 EST and 02:00-03:00 EST: two hours.
        #expect(
            calendar.workingTime(from: F.at("2026-11-01T00:00:00-04:00"), to: F.at("2026-11-01T12:00:00-05:00"))
                == 2 * 3_600)
        let start = F.at("2026-11-01T01:30:00-04:00")
        #expect(try calendar.due(from: start, adding: 1_800) == F.at("2026-11-01T01:00:00-05:00"))
        #expect(try calendar.due(from: start, adding: 2_700) == F.at("2026-11-01T01:45:00-05:00"))
        let hour = try calendar.due(from: start, adding: 3_600)
        #expect(hour == F.at("2026-11-01T07:00:00Z"))
        #expect(calendar.localTimeText(hour) == "2026-11-01T02:00:00-05:00")
    }

    @Test func docsARangeEndingInsideTheSkippedHour() throws {
        let calendar = try documented("new-york-skipped")
        // 00:00-02:00 EST exists; 02:00-02:30 never shows on a clock.
        #expect(
            calendar.workingTime(from: F.at("2026-03-08T00:00:00-05:00"), to: F.at("2026-03-08T12:00:00-04:00"))
                == 2 * 3_600)
        let start = F.at("2026-03-08T00:00:00-05:00")
        let used = try calendar.due(from: start, adding: 2 * 3_600)
        #expect(used == F.at("2026-03-08T07:00:00Z"))
        #expect(calendar.localTimeText(used) == "2026-03-08T03:00:00-04:00")
        #expect(try calendar.due(from: start, adding: 2 * 3_600 + 1_800) == F.at("2026-03-15T00:30:00-04:00"))
    }

    @Test func docsAZoneWhoseClocksChangeAtMidnight() throws {
        let sundays = try documented("santiago-sundays")
        // Sunday 6 September begins at 01:00: 23 hours.
        #expect(
            sundays.workingTime(from: F.at("2026-09-05T12:00:00-04:00"), to: F.at("2026-09-07T12:00:00-03:00"))
                == 23 * 3_600)
        let hour = try sundays.due(from: F.at("2026-09-05T12:00:00-04:00"), adding: 3_600)
        #expect(hour == F.at("2026-09-06T05:00:00Z"))
        #expect(sundays.localTimeText(hour) == "2026-09-06T02:00:00-03:00")
        // Saturday 4 April ends twice: 22:00-24:00 (-03), then 23:00-24:00 (-04): three hours.
        let saturdays = try documented("santiago-late-saturdays")
        #expect(
            saturdays.workingTime(from: F.at("2026-04-04T12:00:00-03:00"), to: F.at("2026-04-05T12:00:00-04:00"))
                == 3 * 3_600)
        let late = try saturdays.due(from: F.at("2026-04-04T22:00:00-03:00"), adding: 2 * 3_600 + 1_800)
        #expect(late == F.at("2026-04-05T03:30:00Z"))
        #expect(saturdays.localTimeText(late) == "2026-04-04T23:30:00-04:00")
    }
}
