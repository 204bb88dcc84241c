/// A date on the wall calendar, without a time or a time zone, e.g. `2026-10-01`.
///
/// Holidays and make-up workdays are such dates: `2026-10-01` is a holiday in the calendar's own
/// time zone, whatever instant that is elsewhere. The arithmetic uses the day number
/// (``ordinal``, days since 1970-01-01) so that stepping and comparing days needs no Foundation.
public struct CalendarDay: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The day number: days since 1970-01-01 in the proleptic Gregorian calendar (negative before).
    let ordinal: Int

    /// Creates the day with a day number.
    /// - Parameter ordinal: Days since 1970-01-01.
    public init(ordinal: Int) {
        self.ordinal = ordinal
    }

    /// Creates a day from its year, month and day, which must form a real date.
    /// - Parameters:
    ///   - year: The year, e.g. 2026.
    ///   - month: The month, 1…12.
    ///   - day: The day of the month, 1…31.
    public init?(year: Int, month: Int, day: Int) {
        guard CalendarDate.isValid(Self.format(year: year, month: month, day: day)) else { return nil }
        self.ordinal = Self.ordinal(year: year, month: month, day: day)
    }

    /// Parses `YYYY-MM-DD`.
    /// - Parameter text: The text to parse.
    /// - Returns: `nil` when the text is not a real date written `YYYY-MM-DD`.
    public init?(parsing text: String) {
        guard CalendarDate.isValid(text) else { return nil }
        let parts = text.split(separator: "-").map { Int($0)! }
        self.ordinal = Self.ordinal(year: parts[0], month: parts[1], day: parts[2])
    }

    /// The year, month and day of the month.
    public var components: (year: Int, month: Int, day: Int) {
        Self.civil(fromOrdinal: ordinal)
    }

    /// The day of the week.
    var weekday: Weekday {
        // 1970-01-01 was a Thursday (index 3 counting from Monday).
        Weekday(rawValue: ((ordinal + 3) % 7 + 7) % 7)!
    }

    /// The day `count` days later (earlier when negative).
    public func adding(days count: Int) -> CalendarDay {
        CalendarDay(ordinal: ordinal + count)
    }

    /// `YYYY-MM-DD`.
    public var description: String {
        let (year, month, day) = components
        return Self.format(year: year, month: month, day: day)
    }

    /// Orders days in time.
    public static func < (lhs: CalendarDay, rhs: CalendarDay) -> Bool {
        lhs.ordinal < rhs.ordinal
    }

    private static func format(year: Int, month: Int, day: Int) -> String {
        func padded(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(padded(year, 4))-\(padded(month, 2))-\(padded(day, 2))"
    }

    // Howard Hinnant's `days_from_civil`: counts in 400-year eras starting on 1 March, so that the
    // leap day is the last day of its (shifted) year and needs no special case.
    private static func ordinal(year: Int, month: Int, day: Int) -> Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    // The inverse, Hinnant's `civil_from_days`.
    private static func civil(fromOrdinal ordinal: Int) -> (year: Int, month: Int, day: Int) {
        let shifted = ordinal + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
