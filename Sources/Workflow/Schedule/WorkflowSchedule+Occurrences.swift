import Foundation

extension WorkflowSchedule {
    /// How far ahead an occurrence is looked for: a cron such as `0 9 29 2 mon` (the 29th of
    /// February, or any Monday in February) fires rarely, but one that never fires must end.
    static let searchDays = 366 * 8

    /// The first occurrence strictly after `instant`.
    /// - Parameters:
    ///   - instant: The instant to look after.
    ///   - calendar: The schedule's calendar (``calendar``): its time zone reads the times, its
    ///     days without hours are skipped when ``skipsDaysOff``.
    /// - Returns: The instant, or `nil` when it never fires (every matching day is a day off).
    public func nextOccurrence(after instant: Date, in calendar: BusinessCalendar) -> Date? {
        let zone = calendar.timeZone
        let start = LocalTime.day(of: instant, in: zone)
        for offset in 0..<Self.searchDays {
            let day = start.adding(days: offset)
            guard cron.matches(day), !(skipsDaysOff && calendar.hours(on: day).isEmpty) else { continue }
            for hour in cron.hours {
                for minute in cron.minutes {
                    let candidate = LocalTime.instant(of: day, seconds: hour * 3600 + minute * 60, in: zone)
                    if candidate > instant { return candidate }
                }
            }
        }
        return nil
    }

    /// The date, in the schedule's calendar, of an occurrence.
    public func day(of occurrence: Date, in calendar: BusinessCalendar) -> CalendarDay {
        LocalTime.day(of: occurrence, in: calendar.timeZone)
    }
}

/// Wall-clock arithmetic in a time zone.
enum LocalTime {
    /// The local date of an instant.
    static func day(of instant: Date, in zone: TimeZone) -> CalendarDay {
        let local = instant.timeIntervalSince1970 + Double(zone.secondsFromGMT(for: instant))
        return CalendarDay(ordinal: Int((local / 86_400).rounded(.down)))
    }

    /// The instant the clock shows `seconds` past midnight of `day`. A time the clock skips (the
    /// spring-forward hour) comes out as the instant it would be at the offset before the change,
    /// which the clock shows an hour later; a time it shows twice, as the first.
    static func instant(of day: CalendarDay, seconds: Int, in zone: TimeZone) -> Date {
        let wall = Double(day.ordinal * 86_400 + seconds)
        let offset = { (instant: Date) in Double(zone.secondsFromGMT(for: instant)) }
        let guess = Date(timeIntervalSince1970: wall - offset(Date(timeIntervalSince1970: wall)))
        let settled = Date(timeIntervalSince1970: wall - offset(guess))
        let shown = [guess, settled].filter { $0.timeIntervalSince1970 + offset($0) == wall }
        // Shown twice: the first; never shown (skipped): the later reading, an hour on.
        return shown.min() ?? max(guess, settled)
    }
}

extension BusinessCalendar {
    /// The date an instant falls on in the calendar's time zone.
    public func localDay(of instant: Date) -> CalendarDay {
        LocalTime.day(of: instant, in: timeZone)
    }
}
