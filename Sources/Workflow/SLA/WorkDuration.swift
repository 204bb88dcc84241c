/// A span of working time as written in workflow files: `45s`, `30m`, `4h`, `1d4h`, `2d`.
///
/// Units go from largest to smallest, each at most once: `d` (a day, 86 400 s for now), `h`, `m`,
/// `s`. A bare `0` is zero. ``description`` prints the compact form back, so `90m` reads `1h30m`.
public struct WorkDuration: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The length in seconds.
    public let seconds: Int64

    /// The longest duration Opsline accepts anywhere (workflow files, timers, escalations, the
    /// API and the CLI): ten years of 365 days. Working time is walked across every
    /// daylight-saving change on the way, and a deadline must stay a four-digit-year date.
    public static let longest = WorkDuration(seconds: 3650 * 86_400)

    /// Why a text is not a duration Opsline accepts.
    public enum Problem: Error, Sendable, Hashable {
        /// Not in the compact form (`45s`, `30m`, `4h`, `1d4h`).
        case malformed
        /// Longer than ``WorkDuration/longest``.
        case tooLong
    }

    /// Parses the compact form and checks it against ``longest``.
    public static func checked(_ text: String) -> Result<WorkDuration, Problem> {
        guard let duration = WorkDuration(parsing: text) else { return .failure(.malformed) }
        return duration <= longest ? .success(duration) : .failure(.tooLong)
    }

    private static let units: [(symbol: Character, seconds: Int64)] = [
        ("d", 86_400), ("h", 3_600), ("m", 60), ("s", 1),
    ]

    /// Creates a duration of a number of seconds.
    /// - Parameter seconds: The length in seconds; must not be negative.
    public init(seconds: Int64) {
        precondition(seconds >= 0, "a duration cannot be negative")
        self.seconds = seconds
    }

    /// Parses the compact form, e.g. `1d4h`.
    /// - Parameter text: The text to parse.
    /// - Returns: `nil` when the text is not a duration.
    public init?(parsing text: String) {
        if text == "0" {
            self.seconds = 0
            return
        }
        guard let seconds = Self.parseUnits(Substring(text)) else { return nil }
        self.seconds = seconds
    }

    private static func parseUnits(_ text: Substring) -> Int64? {
        var rest = text
        var total: Int64 = 0
        var nextUnit = 0
        while !rest.isEmpty {
            let digits = rest.prefix(while: \.isASCIIDigit)
            guard !digits.isEmpty, digits.count <= 12, let number = Int64(digits) else { return nil }
            rest = rest.dropFirst(digits.count)
            guard let symbol = rest.first,
                let index = units[nextUnit...].firstIndex(where: { $0.symbol == symbol })
            else { return nil }
            rest = rest.dropFirst()
            total += number * units[index].seconds
            nextUnit = index + 1
        }
        return nextUnit == 0 ? nil : total
    }

    /// The compact form, e.g. `1d4h`; zero prints as `0s`.
    public var description: String {
        guard seconds > 0 else { return "0s" }
        var rest = seconds
        var text = ""
        for unit in Self.units where rest >= unit.seconds {
            text += "\(rest / unit.seconds)\(unit.symbol)"
            rest %= unit.seconds
        }
        return text
    }

    /// Orders durations by length.
    public static func < (lhs: WorkDuration, rhs: WorkDuration) -> Bool {
        lhs.seconds < rhs.seconds
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool {
        isASCII && isNumber
    }
}
