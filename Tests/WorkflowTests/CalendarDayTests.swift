import Testing

@testable import Workflow

@Suite("Calendar days, weekdays and periods")
struct CalendarDayTests {
    @Test func daysKnowTheirWeekdayAndPrintAsWritten() throws {
        let day = try #require(CalendarDay(parsing: "2026-10-01"))
        #expect(day.weekday == .thursday)
        #expect(day.description == "2026-10-01")
        #expect(CalendarDay(ordinal: 0).description == "1970-01-01")
        #expect(CalendarDay(ordinal: -1).description == "1969-12-31")
        #expect(CalendarDay(parsing: "2028-02-29")?.adding(days: 1).description == "2028-03-01")
        #expect(CalendarDay(year: 2000, month: 2, day: 29)?.weekday == .tuesday)
    }

    @Test func dayNumbersRoundTripOverCenturies() {
        for ordinal in stride(from: -800_000, through: 800_000, by: 997) {
            let day = CalendarDay(ordinal: ordinal)
            let (year, month, dayOfMonth) = day.components
            guard (1...9999).contains(year) else { continue }
            #expect(CalendarDay(year: year, month: month, day: dayOfMonth) == day)
            #expect(CalendarDay(parsing: day.description) == day)
        }
    }

    @Test(arguments: ["2026-02-29", "2026-13-01", "2026-1-01", "26-01-01", "2026/01/01", ""])
    func impossibleOrMalformedDatesAreRefused(text: String) {
        #expect(CalendarDay(parsing: text) == nil)
    }

    @Test func weekdayRangesWrap() {
        #expect(Weekday.saturday.through(.monday) == [.saturday, .sunday, .monday])
        #expect(Weekday.monday.through(.friday).count == 5)
        #expect(Weekday(abbreviation: "sun") == .sunday)
        #expect(Weekday(abbreviation: "Sun") == nil)
    }

    @Test func periodsParseAndPrintHoursAndMinutes() {
        #expect(WorkingPeriod(parsing: "09:30-24:00") == WorkingPeriod(start: 570, end: 1_440))
        #expect(WorkingPeriod(parsing: "09:30-24:00")?.description == "09:30-24:00")
        #expect(WorkingPeriod(parsing: "18:00-09:00") == nil)
        #expect(WorkingPeriod(parsing: "24:00-24:00") == nil)
        #expect(WorkingPeriod(parsing: "9:00-18:00") == nil)
        #expect(WorkingPeriod(parsing: "09:00-24:01") == nil)
        #expect(WorkingPeriod(parsing: "09:60-10:00") == nil)
    }
}
