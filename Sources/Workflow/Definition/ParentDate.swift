/// A child's date field kept a number of working days from a date field of its parent (a spawn's
/// `dates: {due_date: "launch_date - 5d"}`): a readiness item due five working days before the
/// launch, which moves when the launch date does.
public struct ParentDate: Sendable, Hashable, CustomStringConvertible {
    /// The parent's date field, e.g. `launch_date`.
    public let field: String
    /// Working days after the parent's date; negative: before.
    public let workingDays: Int

    /// Creates the rule.
    public init(field: String, workingDays: Int) {
        self.field = field
        self.workingDays = workingDays
    }

    /// Reads `launch_date`, `launch_date - 5d` or `launch_date + 2d`.
    /// - Returns: `nil` when the text is not a field name, optionally followed by `+` or `-` and
    ///   a number of days.
    public init?(parsing text: String) {
        let words = text.split(whereSeparator: \.isWhitespace).map(String.init)
        guard let name = words.first, NameRules.isIdentifier(name) else { return nil }
        switch words.count {
        case 1:
            self.init(field: name, workingDays: 0)
        case 3 where ["+", "-"].contains(words[1]) && words[2].hasSuffix("d"):
            guard let days = Int(words[2].dropLast()), days >= 0, days <= 3_660 else { return nil }
            self.init(field: name, workingDays: words[1] == "-" ? -days : days)
        default:
            return nil
        }
    }

    /// As written: `launch_date - 5d`.
    public var description: String {
        guard workingDays != 0 else { return field }
        return "\(field) \(workingDays < 0 ? "-" : "+") \(abs(workingDays))d"
    }

    /// The child's date for a parent whose `field` holds `parentDay`: that many days with working
    /// hours in `calendar` before or after it. With no offset, the parent's date itself.
    public func day(from parentDay: CalendarDay, in calendar: BusinessCalendar) -> CalendarDay {
        var day = parentDay
        var left = abs(workingDays)
        let step = workingDays < 0 ? -1 : 1
        // A calendar without any working day would never count down: bounded by a decade.
        var guardDays = 3_660 * 2
        while left > 0, guardDays > 0 {
            day = day.adding(days: step)
            guardDays -= 1
            if !calendar.hours(on: day).isEmpty { left -= 1 }
        }
        return day
    }

    /// The child's value for a parent with `fields`: the date as text, or `nil` when the parent's
    /// field is not set.
    public func value(from fields: [String: JSONValue], in calendar: BusinessCalendar) -> JSONValue? {
        guard case .string(let text)? = fields[field], let parentDay = CalendarDay(parsing: text) else { return nil }
        return .string(day(from: parentDay, in: calendar).description)
    }
}
