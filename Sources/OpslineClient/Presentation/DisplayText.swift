import Foundation
import Workflow

/// How single values read in tables: times, durations, field values and empty cells.
public enum DisplayText {
    /// What an empty cell shows.
    public static let none = "-"

    /// An optional string, or ``none``.
    public static func optional(_ text: String?) -> String {
        guard let text, !text.isEmpty else { return none }
        return text
    }

    /// A time as RFC 3339 UTC with whole seconds, or ``none``.
    public static func time(_ date: Date?) -> String {
        date.map(Timestamp.format) ?? none
    }

    /// A JSON value for people: strings without quotes, `null` as ``none``, anything else as
    /// compact JSON.
    public static func value(_ value: JSONValue) -> String {
        switch value {
        case .string(let text): text
        case .null: none
        default: value.compactText
        }
    }

    /// A number of seconds as at most two units: `45s`, `30m`, `4h5m`, `1d4h`.
    public static func duration(seconds: Int) -> String {
        let sign = seconds < 0 ? "-" : ""
        var rest = abs(seconds)
        var parts: [String] = []
        for (unit, size) in [("d", 86_400), ("h", 3_600), ("m", 60), ("s", 1)] where rest >= size {
            parts.append("\(rest / size)\(unit)")
            rest %= size
        }
        return parts.isEmpty ? "0s" : sign + parts.prefix(2).joined()
    }
}
