import Foundation
import Workflow

/// When a daily digest falls due: at a local time of day on every working day of a business
/// calendar (a day with working hours: not a holiday, not a day off of its week). A pure value, so
/// the schedule can be tested without a database or a clock.
public struct DigestSchedule: Sendable, Hashable {
    /// Minutes after local midnight, `09:00` is 540.
    public let minute: Int
    /// The calendar whose working days and time zone count.
    public let calendar: BusinessCalendar

    /// The schedule at `minute` past local midnight of `calendar`'s working days.
    public init(minute: Int, calendar: BusinessCalendar) {
        self.minute = minute
        self.calendar = calendar
    }

    /// One digest: the local date it reports on and the instant it falls due.
    public struct Occurrence: Sendable, Hashable {
        /// The local date, in the calendar's time zone.
        public let day: CalendarDay
        /// The instant the digest falls due: the local time of day on that date.
        public let at: Date
    }

    /// Minutes after midnight of `HH:MM` (00:00-23:59); `nil` for anything else.
    public static func minute(parsing text: String) -> Int? {
        guard let match = text.wholeMatch(of: /([01][0-9]|2[0-3]):([0-5][0-9])/),
            let hours = Int(match.1), let minutes = Int(match.2)
        else { return nil }
        return hours * 60 + minutes
    }

    /// Whether a digest goes out on `day`: it has working hours in the calendar.
    public func isWorkingDay(_ day: CalendarDay) -> Bool {
        !calendar.hours(on: day).isEmpty
    }

    /// The local date of `instant` in the calendar's time zone.
    public func day(of instant: Date) -> CalendarDay {
        let seconds = instant.timeIntervalSince1970 + Double(calendar.timeZone.secondsFromGMT(for: instant))
        return CalendarDay(ordinal: Int((seconds / 86_400).rounded(.down)))
    }

    /// The instant of `minute` past local midnight on `day`. A wall-clock time that a clock change
    /// skips or repeats comes out within the hour of the change.
    public func instant(of day: CalendarDay, minute: Int) -> Date {
        let (year, month, date) = day.components
        let midnight = Self.utc.date(from: DateComponents(year: year, month: month, day: date)) ?? .distantPast
        let wall = midnight.timeIntervalSince1970 + Double(minute) * 60
        var guess = wall - Double(calendar.timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: wall)))
        guess = wall - Double(calendar.timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: guess)))
        return Date(timeIntervalSince1970: guess)
    }

    /// The proleptic Gregorian calendar in UTC: local dates as instants of their wall-clock time.
    private static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    /// The occurrence of `day` (a working day or not).
    public func occurrence(on day: CalendarDay) -> Occurrence {
        Occurrence(day: day, at: instant(of: day, minute: minute))
    }

    /// The digest due at `now`: today's (local), when today is a working day and its time has
    /// come. Earlier days' are never due: a server that was down sends the day's digest when it
    /// is back, not a backlog.
    public func due(at now: Date) -> Occurrence? {
        let today = occurrence(on: day(of: now))
        return isWorkingDay(today.day) && today.at <= now ? today : nil
    }

    /// The first occurrence after `now`, on a working day; `nil` when the calendar has none within
    /// two years.
    public func next(after now: Date) -> Occurrence? {
        var day = day(of: now)
        for _ in 0..<(2 * 366) {
            let candidate = occurrence(on: day)
            if candidate.at > now && isWorkingDay(day) { return candidate }
            day = day.adding(days: 1)
        }
        return nil
    }

    /// The working day before `day`; `day` less one when there is none within a year.
    public func previousWorkingDay(before day: CalendarDay) -> CalendarDay {
        var candidate = day.adding(days: -1)
        for _ in 0..<366 {
            if isWorkingDay(candidate) { return candidate }
            candidate = candidate.adding(days: -1)
        }
        return day.adding(days: -1)
    }

    /// The working day after `day`; `day` plus one when there is none within a year.
    public func nextWorkingDay(after day: CalendarDay) -> CalendarDay {
        var candidate = day.adding(days: 1)
        for _ in 0..<366 {
            if isWorkingDay(candidate) { return candidate }
            candidate = candidate.adding(days: 1)
        }
        return day.adding(days: 1)
    }
}
