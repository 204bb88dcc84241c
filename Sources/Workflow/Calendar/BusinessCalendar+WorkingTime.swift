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
    /// - Returns: Working seconds in `start..<end`; 0 when `end` is not after `start`.
    public func workingTime(from start: Date, to end: Date) -> TimeInterval {
        guard end > start else { return 0 }
        var elapsed = Elapsed(end: end.timeIntervalSinceReferenceDate)
        WorkingTimeWalk(calendar: self).run(from: start.timeIntervalSinceReferenceDate, &elapsed)
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
