/// A day of the week, Monday first (ISO 8601 order), as calendars write it: `mon` … `sun`.
public enum Weekday: Int, Sendable, Hashable, CaseIterable, Comparable, CustomStringConvertible {
    /// Monday, `mon`.
    case monday = 0
    /// Tuesday, `tue`.
    case tuesday
    /// Wednesday, `wed`.
    case wednesday
    /// Thursday, `thu`.
    case thursday
    /// Friday, `fri`.
    case friday
    /// Saturday, `sat`.
    case saturday
    /// Sunday, `sun`.
    case sunday

    private static let abbreviations = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

    /// Reads the three-letter, lower-case form used in calendar files, e.g. `mon`.
    /// - Parameter abbreviation: The text to read.
    /// - Returns: `nil` when the text is not one of `mon`, `tue`, `wed`, `thu`, `fri`, `sat`, `sun`.
    public init?(abbreviation: String) {
        guard let index = Self.abbreviations.firstIndex(of: abbreviation) else { return nil }
        self.init(rawValue: index)
    }

    /// The three-letter form, e.g. `mon`.
    var abbreviation: String {
        Self.abbreviations[rawValue]
    }

    /// The three-letter form, e.g. `mon`.
    public var description: String {
        abbreviation
    }

    /// The days from `self` to `last`, both included, wrapping past Sunday (`sat`…`mon` is
    /// Saturday, Sunday and Monday).
    /// - Parameter last: The last day of the range.
    /// - Returns: The days, in order from `self`.
    public func through(_ last: Weekday) -> [Weekday] {
        let count = (last.rawValue - rawValue + 7) % 7 + 1
        return (0..<count).map { Weekday(rawValue: (rawValue + $0) % 7)! }
    }

    /// Orders days Monday first.
    public static func < (lhs: Weekday, rhs: Weekday) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}
