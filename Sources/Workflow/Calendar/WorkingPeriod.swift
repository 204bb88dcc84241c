/// One stretch of working hours within a day, in wall-clock time: `09:00-18:00`.
///
/// Times are minutes after local midnight; the end is exclusive and may be `24:00` (1440), so
/// `00:00-24:00` is the whole day. The period is what a wall clock in the calendar's time zone
/// shows, which is why a period can be shorter or longer than its nominal length on a day the
/// clocks change (see ``BusinessCalendar``).
public struct WorkingPeriod: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Minutes in a day: the latest possible end, `24:00`.
    static let minutesPerDay = 1_440

    /// `00:00-24:00`, the whole day.
    static let wholeDay = WorkingPeriod(start: 0, end: minutesPerDay)!

    /// The first working minute, 0…1439 (`09:00` is 540).
    public let start: Int
    /// The minute work stops, exclusive, 1…1440 (`18:00` is 1080, `24:00` is 1440).
    public let end: Int

    /// Creates a period; `start` must come before `end`, both within the day.
    /// - Parameters:
    ///   - start: The first working minute after midnight.
    ///   - end: The minute work stops; at most 1440.
    /// - Returns: `nil` when the period is empty or leaves the day.
    public init?(start: Int, end: Int) {
        guard start >= 0, start < end, end <= Self.minutesPerDay else { return nil }
        self.start = start
        self.end = end
    }

    /// Parses `HH:MM-HH:MM`, e.g. `09:00-18:00` or `13:00-24:00`.
    /// - Parameter text: The text to parse.
    /// - Returns: `nil` when the text is malformed or the period is empty.
    public init?(parsing text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, let start = Self.minutes(parsing: parts[0]), start < Self.minutesPerDay,
            let end = Self.minutes(parsing: parts[1])
        else { return nil }
        self.init(start: start, end: end)
    }

    /// Reads a wall-clock time `HH:MM`, `00:00`…`24:00`, as minutes after midnight.
    /// - Parameter text: The text to read; exactly two digits for hours and two for minutes.
    /// - Returns: `nil` when the text is not such a time.
    public static func minutes<Text: StringProtocol>(parsing text: Text) -> Int? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isASCIIDigitCharacter) }),
            let hours = Int(parts[0]), let minutes = Int(parts[1]), minutes < 60
        else { return nil }
        let total = hours * 60 + minutes
        return total <= minutesPerDay ? total : nil
    }

    /// The length in seconds, on a day the clocks do not change.
    var nominalSeconds: Int {
        (end - start) * 60
    }

    /// `HH:MM-HH:MM`.
    public var description: String {
        "\(Self.clockText(start))-\(Self.clockText(end))"
    }

    /// Orders periods by start, then end.
    public static func < (lhs: WorkingPeriod, rhs: WorkingPeriod) -> Bool {
        (lhs.start, lhs.end) < (rhs.start, rhs.end)
    }

    private static func clockText(_ minutes: Int) -> String {
        let hours = minutes / 60
        let rest = minutes % 60
        return (hours < 10 ? "0" : "") + "\(hours):" + (rest < 10 ? "0" : "") + "\(rest)"
    }
}

extension Character {
    fileprivate var isASCIIDigitCharacter: Bool {
        isASCII && isNumber
    }
}
