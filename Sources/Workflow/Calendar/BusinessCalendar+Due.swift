import Foundation

extension BusinessCalendar {
    /// The instant at which `duration` of working time has passed since `start`: an SLA deadline.
    ///
    /// Counting begins at `start` when it is within working hours, otherwise at the next working
    /// moment; so 4 hours from Friday 17:00 on a 09:00-18:00 calendar is Monday 12:00. A duration
    /// that ends exactly where working hours end is due at that end (Friday 18:00), not at the
    /// start of the next period.
    ///
    /// A zero duration is due at `start` itself, even outside working hours: a zero target breaches
    /// at once. So is a negative one, or one that is not a number.
    ///
    /// Total: every start and duration give a deadline or a ``DeadlineError``. The walk stops at
    /// the end of the year 9999, so however little working time the calendar has, it costs no
    /// more than walking there.
    ///
    /// - Parameters:
    ///   - start: When the clock starts; within ``RFC3339/writableInstants``.
    ///   - duration: Working seconds; sub-second parts are kept.
    /// - Returns: The deadline; `Date.distantFuture` only when the calendar runs out of working
    ///   time (no weekly hours, and the duration outlasts its make-up workdays).
    /// - Throws: ``DeadlineError/afterYear9999`` when the deadline would fall after
    ///   9999-12-31T23:59:59.999Z (an infinite duration included), and
    ///   ``DeadlineError/startOutOfRange`` for a start RFC 3339 cannot write.
    public func due(from start: Date, adding duration: TimeInterval) throws(DeadlineError) -> Date {
        guard RFC3339.canWrite(start) else { throw .startOutOfRange }
        guard duration > 0 else { return start }
        let latest = RFC3339.writableInstants.upperBound
        guard duration.isFinite, latest.timeIntervalSince(start) >= shortestSpan(holding: duration) else {
            throw .afterYear9999
        }
        var deadline = Deadline(remaining: duration, horizon: latest.timeIntervalSinceReferenceDate)
        guard WorkingTimeWalk(calendar: self).run(from: start.timeIntervalSinceReferenceDate, &deadline) else {
            return .distantFuture
        }
        guard let instant = deadline.instant, instant <= deadline.horizon else { throw .afterYear9999 }
        return Date(timeIntervalSinceReferenceDate: instant)
    }

    /// The instant at which `duration` of working time has passed since `start`.
    ///
    /// Durations in workflow files are working time: `1d` is 24 working hours (86 400 working
    /// seconds), not one working day, so `1d` on a 09:00-18:00 calendar spans almost three days.
    /// - Parameters:
    ///   - start: When the clock starts.
    ///   - duration: The working time, e.g. a target read from a workflow file.
    /// - Returns: The deadline, as ``due(from:adding:)-(_,TimeInterval)`` computes it.
    /// - Throws: As ``due(from:adding:)-(_,TimeInterval)``.
    public func due(from start: Date, adding duration: WorkDuration) throws(DeadlineError) -> Date {
        try due(from: start, adding: TimeInterval(duration.seconds))
    }

    /// The first working moment at or after `instant`: `instant` itself during working hours.
    /// - Parameter instant: Where to look from.
    /// - Returns: The moment; `Date.distantFuture` when the calendar has no more working time.
    func nextWorkingMoment(from instant: Date) -> Date {
        guard RFC3339.canWrite(instant) else { return .distantFuture }
        var first = FirstWorkingMoment()
        WorkingTimeWalk(calendar: self).run(from: instant.timeIntervalSinceReferenceDate, &first)
        return first.instant.map(Date.init(timeIntervalSinceReferenceDate:)) ?? .distantFuture
    }

    /// Whether `instant` is within working hours.
    /// - Parameter instant: The moment to check.
    /// - Returns: `true` when a working period contains it (its end excluded).
    func isWorking(at instant: Date) -> Bool {
        nextWorkingMoment(from: instant) == instant
    }
}

/// Counts working time down to zero and notes where it got there, giving up past a horizon.
private struct Deadline: WorkingTimeVisitor {
    /// Working seconds still to go; always more than zero while walking.
    var remaining: Double
    /// The last instant worth walking to (the end of the year 9999).
    let horizon: Double
    /// Where the count reached zero.
    var instant: Double?

    func wants(_ instant: Double) -> Bool { instant <= horizon }

    mutating func takeWeeks(_ available: Int, from start: Double, workPerWeek: Double) -> Int {
        // Leave the last (possibly partial) week to the day-by-day walk, so that the deadline is
        // found inside an interval: at least one working second must remain after skipping.
        let needed = (remaining / workPerWeek).rounded(.up) - 1
        let weeks = Int(min(Double(available), max(0, needed)))
        remaining -= Double(weeks) * workPerWeek
        return weeks
    }

    mutating func take(from start: Double, to end: Double) -> Bool {
        guard end - start < remaining else {
            instant = start + remaining
            return false
        }
        remaining -= end - start
        return true
    }
}

/// Stops at the first working interval.
private struct FirstWorkingMoment: WorkingTimeVisitor {
    /// The start of the first working interval.
    var instant: Double?

    func wants(_ instant: Double) -> Bool { true }

    mutating func takeWeeks(_ available: Int, from start: Double, workPerWeek: Double) -> Int { 0 }

    mutating func take(from start: Double, to end: Double) -> Bool {
        instant = start
        return false
    }
}
