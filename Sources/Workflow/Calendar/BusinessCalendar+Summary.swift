import Foundation

extension BusinessCalendar {
    /// The weekly hours as a calendars file would write them, days with the same hours joined
    /// into ranges, Monday first: `[("mon-fri", [09:00-18:00]), ("sat", [10:00-16:00])]`.
    public var hoursSummary: [(days: String, periods: [WorkingPeriod])] {
        var summary: [(first: Weekday, last: Weekday, periods: [WorkingPeriod])] = []
        for day in Weekday.allCases {
            guard let periods = weeklyHours[day], !periods.isEmpty else { continue }
            if let previous = summary.last, previous.periods == periods,
                previous.last.rawValue + 1 == day.rawValue
            {
                summary[summary.count - 1].last = day
            } else {
                summary.append((day, day, periods))
            }
        }
        return summary.map { range in
            let days = range.first == range.last ? "\(range.first)" : "\(range.first)-\(range.last)"
            return (days, range.periods)
        }
    }

    /// Working seconds in a regular week: no holidays, no make-up workdays, no clock changes.
    public var regularWeekSeconds: Int { secondsPerRegularWeek }

    /// The working seconds of its longest regular weekday: what "a working day" of it is (9 h for
    /// office hours of 09:00-18:00, 24 h round the clock).
    public var longestWorkingDaySeconds: Int {
        hoursByWeekday.map { $0.reduce(0) { $0 + $1.nominalSeconds } }.max() ?? 0
    }

    /// Whether every instant is working time: every day `00:00-24:00`, no holidays. Only then is
    /// a day of working time (`1d`) a calendar day.
    public var isRoundTheClock: Bool {
        holidays.isEmpty && hoursByWeekday.allSatisfy { $0 == [WorkingPeriod.wholeDay] }
    }

    /// `instant` on the calendar's wall clock, with its offset: `2026-11-21T13:00:00+08:00`.
    /// - Parameter instant: The moment to show.
    public func localTimeText(_ instant: Date) -> String {
        instant.formatted(Date.ISO8601FormatStyle(timeZoneSeparator: .colon, timeZone: timeZone))
    }
}
