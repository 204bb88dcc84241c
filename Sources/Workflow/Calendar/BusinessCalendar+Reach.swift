import Foundation

extension BusinessCalendar {
    /// How much of a day a clock change can repeat: an hour, or two in zones that once kept
    /// double summer time; three hours is more than any zone repeats.
    private static let clockChangeAllowance = 3 * 3_600

    /// A lower bound on the time, from any start, until `duration` of working time has passed;
    /// 0 when the calendar has no weekly hours (its working time may run out instead).
    ///
    /// A week of instants holds at most the regular week's working time plus what a clock change
    /// repeats (no more than three hours, and no more than a day's hours), and make-up workdays
    /// add at most their own hours, twice over: so `duration` needs at least that many whole
    /// weeks, less the workdays' part, less one for the week it starts in. It lets a deadline
    /// that would fall after the year 9999 be refused without walking there, and a workflow whose
    /// SLAs would always do so be refused when it is checked.
    /// - Parameter duration: Working seconds.
    /// - Returns: Seconds of calendar time.
    func shortestSpan(holding duration: TimeInterval) -> TimeInterval {
        guard secondsPerRegularWeek > 0, duration > 0 else { return 0 }
        func seconds(_ periods: [WorkingPeriod]) -> Int { periods.reduce(0) { $0 + $1.nominalSeconds } }
        let longestDay = (hoursByWeekday + Array(workdays.values)).map(seconds).max() ?? 0
        let repeated = min(Self.clockChangeAllowance, longestDay)
        let perWeek = Double(min(secondsPerRegularWeek + repeated, Int(WorkingTimeWalk.secondsPerWeek)))
        let workdays = Double(workdays.values.reduce(0) { $0 + 2 * seconds($1) })
        let weeks = ((duration - workdays) / perWeek).rounded(.up) - 1
        return max(0, weeks) * WorkingTimeWalk.secondsPerWeek
    }
}
