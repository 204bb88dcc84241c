import Foundation

/// The working-time arithmetic an SLA clock needs; a business calendar provides it.
///
/// Clocks count working time only: `4h` under a 09:00–18:00 calendar is four working hours.
///
/// Both are total: no start, end or duration traps. A deadline that RFC 3339 cannot write (after
/// the year 9999) is a ``DeadlineError``, never a wrong date.
public protocol WorkingCalendar: Sendable {
    /// The instant when `duration` seconds of working time have passed after `start` (a
    /// negative duration, or one that is not a number, counts as zero).
    /// - Throws: ``DeadlineError`` when the start or the deadline is outside
    ///   ``RFC3339/writableInstants``.
    func due(from start: Date, adding duration: TimeInterval) throws(DeadlineError) -> Date
    /// The working time between two instants, in seconds (0 when `end` is not after `start`).
    func workingTime(from start: Date, to end: Date) -> TimeInterval
    /// The time zone whose wall clock dates are read on: a deadline on a date ends at that
    /// date's midnight there.
    var timeZone: TimeZone { get }
}

/// Every second counts: the calendar of a 24x7 service, and of tests that need plain time.
public struct ElapsedTimeCalendar: WorkingCalendar {
    /// Creates the calendar.
    public init() {}

    /// UTC.
    public var timeZone: TimeZone { TimeZone(identifier: "UTC")! }

    /// `start + duration`.
    public func due(from start: Date, adding duration: TimeInterval) throws(DeadlineError) -> Date {
        guard RFC3339.canWrite(start) else { throw .startOutOfRange }
        guard duration > 0 else { return start }
        guard duration <= RFC3339.writableInstants.upperBound.timeIntervalSince(start) else {
            throw .afterYear9999
        }
        return start.addingTimeInterval(duration)
    }

    /// `end - start`, or 0.
    ///
    /// Like a business calendar's, only the part within ``RFC3339/writableInstants`` counts.
    public func workingTime(from start: Date, to end: Date) -> TimeInterval {
        let writable = RFC3339.writableInstants
        guard end > start else { return 0 }
        return max(0, min(end, writable.upperBound).timeIntervalSince(max(start, writable.lowerBound)))
    }
}
