import Foundation

/// The working-time arithmetic an SLA clock needs; a business calendar provides it.
///
/// Clocks count working time only: `4h` under a 09:00–18:00 calendar is four working hours.
public protocol WorkingCalendar: Sendable {
    /// The instant when `duration` seconds of working time have passed after `start`.
    func due(from start: Date, adding duration: TimeInterval) -> Date
    /// The working time between two instants, in seconds (0 when `end` is not after `start`).
    func workingTime(from start: Date, to end: Date) -> TimeInterval
}

/// Every second counts: the calendar of a 24x7 service, and of tests that need plain time.
public struct ElapsedTimeCalendar: WorkingCalendar {
    /// Creates the calendar.
    public init() {}

    /// `start + duration`.
    public func due(from start: Date, adding duration: TimeInterval) -> Date {
        start.addingTimeInterval(max(0, duration))
    }

    /// `end - start`, or 0.
    public func workingTime(from start: Date, to end: Date) -> TimeInterval {
        max(0, end.timeIntervalSince(start))
    }
}
