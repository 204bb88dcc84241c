extension WorkingPeriod {
    /// Sorts periods and joins those that overlap or touch (`09:00-12:00` and `12:00-18:00` become
    /// `09:00-18:00`), so that a day's periods are disjoint, separated and in order.
    /// - Parameter periods: Periods in any order.
    /// - Returns: The same working minutes as the fewest periods.
    static func normalized(_ periods: [WorkingPeriod]) -> [WorkingPeriod] {
        var joined: [WorkingPeriod] = []
        for period in periods.sorted() {
            if let last = joined.last, period.start <= last.end {
                joined[joined.count - 1] = WorkingPeriod(start: last.start, end: max(last.end, period.end))!
            } else {
                joined.append(period)
            }
        }
        return joined
    }
}
