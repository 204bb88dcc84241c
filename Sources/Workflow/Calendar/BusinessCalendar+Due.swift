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
    /// at once.
    ///
    /// - Parameters:
    ///   - start: When the clock starts.
    ///   - duration: Working seconds, at least 0 and finite; sub-second parts are kept.
    /// - Returns: The deadline; `Date.distantFuture` only when the calendar runs out of working
    ///   time (no weekly hours, and the duration outlasts its make-up workdays).
    public func due(from start: Date, adding duration: TimeInterval) -> Date {
        precondition(duration >= 0 && duration.isFinite, "a working-time duration must be finite and not negative")
        guard duration > 0 else { return start }
        var deadline = Deadline(remaining: duration)
        guard WorkingTimeWalk(calendar: self).run(from: start.timeIntervalSinceReferenceDate, &deadline),
            let instant = deadline.instant
        else { return .distantFuture }
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
    public func due(from start: Date, adding duration: WorkDuration) -> Date {
        due(from: start, adding: TimeInterval(duration.seconds))
    }

    /// The first working moment at or after `instant`: `instant` itself during working hours.
    /// - Parameter instant: Where to look from.
    /// - Returns: The moment; `Date.distantFuture` when the calendar has no more working time.
    func nextWorkingMoment(from instant: Date) -> Date {
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

/// Counts working time down to zero and notes where it got there.
private struct Deadline: WorkingTimeVisitor {
    /// Working seconds still to go; always more than zero while walking.
    var remaining: Double
    /// Where the count reached zero.
    var instant: Double?

    func wants(_ instant: Double) -> Bool { true }

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
