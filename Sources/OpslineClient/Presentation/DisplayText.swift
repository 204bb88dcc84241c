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

    /// A size as `ls -h` writes it: `812 B`, `4.0 KiB`, `25 MiB`.
    public static func bytes(_ count: Int64) -> String {
        let units = ["KiB", "MiB", "GiB", "TiB"]
        guard count >= 1024 else { return "\(count) B" }
        var value = Double(count) / 1024
        var unit = 0
        while value >= 1024, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        let number = value < 10 ? String(format: "%.1f", value) : String(Int(value.rounded()))
        return "\(number) \(units[unit])"
    }

    /// A time as RFC 3339 with whole seconds in the presentation's time zone
    /// (``Presentation/timeZone``): `2026-11-22T08:00:00Z` in UTC, `2026-11-22T16:00:00+08:00`
    /// in Shanghai; or ``none``.
    public static func time(_ date: Date?) -> String {
        guard let date else { return none }
        return time(date, in: Presentation.current.timeZone)
    }

    /// A time as RFC 3339 with whole seconds in `zone`: `Z` for UTC, else the offset, such as
    /// `+08:00`.
    public static func time(_ date: Date, in zone: TimeZone) -> String {
        let offset = zone.secondsFromGMT(for: date)
        guard offset != 0 else { return Timestamp.format(date) }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        let sign = offset < 0 ? "-" : "+"
        let minutes = abs(offset) / 60
        let clock = String(
            format: "%04d-%02d-%02dT%02d:%02d:%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0,
            parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0)
        return clock + sign + String(format: "%02d:%02d", minutes / 60, minutes % 60)
    }

    /// A time as RFC 3339 UTC with whole seconds, whatever the presentation: for JSON.
    public static func utcTime(_ date: Date) -> String {
        Timestamp.format(date)
    }

    /// The heading of a column of wall-clock deadlines: `DUE (LOCAL)`, or `DUE (UTC)` when times
    /// are shown in UTC.
    public static var dueHeader: String {
        "DUE (\(Presentation.current.timeZoneLabel))"
    }

    /// The heading of a column of working time left on an SLA clock.
    public static let workingLeftHeader = "SLA LEFT (WORKING)"

    /// Working time left on a clock: `3h20m`, or `overdue 20m` once past its deadline.
    public static func workingLeft(seconds: Int) -> String {
        seconds >= 0 ? duration(seconds: seconds) : "overdue \(duration(seconds: -seconds))"
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
