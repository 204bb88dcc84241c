import Foundation

extension BusinessCalendar {
    /// The working time between two instants: how much of an SLA a clock has used.
    ///
    /// Consistent with ``due(from:adding:)-(_,TimeInterval)``: for any `start` and any duration
    /// `d > 0`, `workingTime(from: start, to: due(from: start, adding: d))` is `d` (up to the
    /// rounding of `Date` when `start` has a fraction of a second).
    /// - Parameters:
    ///   - start: The earlier instant.
    ///   - end: The later instant.
    /// - Returns: Working seconds in `start..<end`; 0 when `end` is not after `start`. Total:
    ///   only the part within ``RFC3339/writableInstants`` (the years 1 to 9999) counts, so no
    ///   instant, however far off, makes the walk long; an instant that is not a number counts
    ///   as none.
    public func workingTime(from start: Date, to end: Date) -> TimeInterval {
        let writable = RFC3339.writableInstants
        guard end > start, end > writable.lowerBound, start <= writable.upperBound else { return 0 }
        let from = max(start, writable.lowerBound)
        let to = min(end, writable.upperBound)
        guard to > from else { return 0 }
        var elapsed = Elapsed(end: to.timeIntervalSinceReferenceDate)
        WorkingTimeWalk(calendar: self).run(from: from.timeIntervalSinceReferenceDate, &elapsed)
        return elapsed.total
    }
}

/// Adds up working time until an end instant.
private struct Elapsed: WorkingTimeVisitor {
    /// Where counting stops.
    let end: Double
    /// Working seconds so far.
    var total: Double = 0

    func wants(_ instant: Double) -> Bool { instant < end }

    mutating func takeWeeks(_ available: Int, from start: Double, workPerWeek: Double) -> Int {
        let whole = ((end - start) / WorkingTimeWalk.secondsPerWeek).rounded(.down)
        let weeks = Int(min(Double(available), max(0, whole)))
        total += Double(weeks) * workPerWeek
        return weeks
    }

    mutating func take(from start: Double, to end: Double) -> Bool {
        total += min(end, self.end) - start
        return end < self.end
    }
}
