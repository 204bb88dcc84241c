/// When a schedule fires, in the five fields of cron: minute, hour, day of the month, month and
/// day of the week, read on a local wall clock.
///
/// Each field is `*`, a number, a range `a-b`, a step `*/n` or `a-b/n`, or a list of those
/// separated by commas. Months may be written `jan`…`dec`, days of the week `sun`…`sat` (0 and 7
/// are both Sunday). As in Vixie cron, when both the day of the month and the day of the week are
/// restricted a day matches either: `0 9 1 * mon` fires on the 1st and on every Monday.
public struct CronExpression: Sendable, Hashable {
    /// The minutes of an hour it fires at, 0…59, sorted.
    public let minutes: [Int]
    /// The hours of a day it fires at, 0…23, sorted.
    public let hours: [Int]
    /// Days of the month, 1…31.
    let daysOfMonth: Set<Int>
    /// Months, 1…12.
    let months: Set<Int>
    /// Days of the week, 0 (Sunday)…6.
    let daysOfWeek: Set<Int>
    /// Whether the day-of-month field was `*`.
    let everyDayOfMonth: Bool
    /// Whether the day-of-week field was `*`.
    let everyDayOfWeek: Bool

    /// Parses five space-separated fields.
    /// - Throws: ``CronExpressionError`` naming the field that does not read.
    public init(parsing text: String) throws(CronExpressionError) {
        let fields = text.split(whereSeparator: \.isWhitespace).map(String.init)
        guard fields.count == 5 else { throw .fieldCount(fields.count) }
        minutes = try CronField.minute.values(fields[0]).sorted()
        hours = try CronField.hour.values(fields[1]).sorted()
        daysOfMonth = try CronField.dayOfMonth.values(fields[2])
        months = try CronField.month.values(fields[3])
        daysOfWeek = Set(try CronField.dayOfWeek.values(fields[4]).map { $0 % 7 })
        everyDayOfMonth = fields[2].hasPrefix("*")
        everyDayOfWeek = fields[4].hasPrefix("*")
    }

    /// Whether it fires on `day` at all.
    public func matches(_ day: CalendarDay) -> Bool {
        let (_, month, dayOfMonth) = day.components
        guard months.contains(month) else { return false }
        // Cron counts the week from Sunday; `Weekday` from Monday.
        let weekday = (day.weekday.rawValue + 1) % 7
        let byMonth = daysOfMonth.contains(dayOfMonth)
        let byWeek = daysOfWeek.contains(weekday)
        switch (everyDayOfMonth, everyDayOfWeek) {
        case (true, true): return true
        case (true, false): return byWeek
        case (false, true): return byMonth
        case (false, false): return byMonth || byWeek
        }
    }
}

/// Why a cron expression does not read.
public enum CronExpressionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Not five fields.
    case fieldCount(Int)
    /// A field (by name) holds a part that is not a number, name, range or step in its bounds.
    case badField(field: String, text: String, bounds: String)

    public var description: String {
        switch self {
        case .fieldCount(let count):
            return "a cron expression has 5 fields (minute hour day-of-month month day-of-week), not \(count)"
        case .badField(let field, let text, let bounds):
            return "cron \(field) '\(text)' must be *, a number, a range a-b or a step */n within \(bounds)"
        }
    }
}
