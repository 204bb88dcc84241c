import Foundation

/// When a team works: weekly hours in a time zone, minus holidays, plus make-up workdays.
///
/// SLA targets are working time in such a calendar: `4h` under a 09:00-18:00 calendar started on
/// Friday at 17:00 is due on Monday at 12:00. ``due(from:adding:)-(_,TimeInterval)`` and
/// ``workingTime(from:to:)`` do that arithmetic exactly, to the precision of `Date`.
///
/// Working time is the set of instants whose **wall-clock time** in ``timeZone`` falls within the
/// hours of that local day. Where clocks change this is what people expect from a sign on the door:
/// - On a spring-forward day the skipped hour does not exist, so `00:00-24:00` holds 23 hours and
///   `01:00-03:00` holds one hour in New York on 2026-03-08 (02:00-03:00 never shows on a clock).
/// - On a fall-back day the repeated hour happens twice and counts twice: `00:00-24:00` holds
///   25 hours, `01:00-02:00` holds two on 2026-11-01 in New York.
///
/// Which hours a local day has: none on a holiday; a make-up workday's own hours on a workday;
/// otherwise the hours of its weekday. A date that is both a holiday and a workday is a holiday
/// (the calendars file refuses such a date).
public struct BusinessCalendar: Sendable, Hashable {
    /// The calendar's name, e.g. `support-hours`.
    public let name: String
    /// The time zone as written, e.g. `Asia/Shanghai`.
    public let timeZoneIdentifier: String
    /// The time zone whose wall clock the hours are read on.
    public let timeZone: TimeZone
    /// The hours of each weekday, sorted and non-overlapping; days without hours are absent.
    let weeklyHours: [Weekday: [WorkingPeriod]]
    /// Dates without working time.
    public let holidays: Set<CalendarDay>
    /// Make-up working days and their hours, which replace the hours of their weekday.
    public let workdays: [CalendarDay: [WorkingPeriod]]

    /// The hours of each weekday by ``Weekday/rawValue``, for the arithmetic.
    let hoursByWeekday: [[WorkingPeriod]]
    /// The hours of every holiday (none) and workday by day number.
    let exceptionalHours: [Int: [WorkingPeriod]]
    /// The day numbers of ``exceptionalHours``, sorted, to find the next irregular day fast.
    let exceptionalDays: [Int]
    /// Working seconds in a week without holidays, workdays or clock changes.
    let secondsPerRegularWeek: Int

    /// Creates a calendar.
    /// - Parameters:
    ///   - name: The calendar's name.
    ///   - timeZoneIdentifier: A time zone identifier such as `Europe/Berlin` or `UTC`.
    ///   - weeklyHours: The hours of each weekday; periods may come in any order and are joined
    ///     where they overlap or touch.
    ///   - holidays: Dates without working time.
    ///   - workdays: Make-up working days with their hours.
    /// - Returns: `nil` when the time zone is unknown.
    public init?(
        name: String,
        timeZoneIdentifier: String,
        weeklyHours: [Weekday: [WorkingPeriod]],
        holidays: Set<CalendarDay> = [],
        workdays: [CalendarDay: [WorkingPeriod]] = [:]
    ) {
        guard let timeZone = TimeZone(identifier: timeZoneIdentifier) else { return nil }
        let weekly = weeklyHours.mapValues(WorkingPeriod.normalized).filter { !$0.value.isEmpty }
        let workdays = workdays.mapValues(WorkingPeriod.normalized)
        var exceptional = Dictionary(uniqueKeysWithValues: workdays.map { ($0.key.ordinal, $0.value) })
        for holiday in holidays { exceptional[holiday.ordinal] = [] }
        self.name = name
        self.timeZoneIdentifier = timeZoneIdentifier
        self.timeZone = timeZone
        self.weeklyHours = weekly
        self.holidays = holidays
        self.workdays = workdays
        hoursByWeekday = Weekday.allCases.map { weekly[$0] ?? [] }
        exceptionalHours = exceptional
        exceptionalDays = exceptional.keys.sorted()
        secondsPerRegularWeek = hoursByWeekday.joined().reduce(0) { $0 + $1.nominalSeconds }
    }

    /// The built-in `24x7` calendar: UTC, every minute of every day.
    public static let twentyFourSeven = BusinessCalendar(
        name: "24x7",
        timeZoneIdentifier: "UTC",
        weeklyHours: Dictionary(uniqueKeysWithValues: Weekday.allCases.map { ($0, [WorkingPeriod.wholeDay]) })
    )!

    /// The hours of a local date: none on a holiday, a workday's own, otherwise its weekday's.
    /// - Parameter day: The date in the calendar's time zone.
    /// - Returns: The day's periods in order.
    public func hours(on day: CalendarDay) -> [WorkingPeriod] {
        hours(onOrdinal: day.ordinal)
    }

    /// The hours a make-up workday gets when the file gives none: Monday's, or when Monday has none,
    /// those of the first weekday (Monday to Sunday) that has hours.
    /// - Parameter weeklyHours: The calendar's weekly hours.
    /// - Returns: The hours, or none when no weekday has hours.
    static func standardWorkdayHours(in weeklyHours: [Weekday: [WorkingPeriod]]) -> [WorkingPeriod] {
        Weekday.allCases.lazy.compactMap { weeklyHours[$0] }.first { !$0.isEmpty } ?? []
    }

    /// The hours of the day with day number `ordinal`.
    func hours(onOrdinal ordinal: Int) -> [WorkingPeriod] {
        if let exceptional = exceptionalHours[ordinal] { return exceptional }
        return hoursByWeekday[CalendarDay(ordinal: ordinal).weekday.rawValue]
    }
}
