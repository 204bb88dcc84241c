import Foundation
import Workflow

/// How the overview and workload pages write times, durations and links: the server's text is
/// UTC (the script rewrites every `<time datetime>` to the viewer's zone), deadlines also on
/// their calendar's wall clock with the zone named.
enum OverviewFormat {
    /// `{iso, text}` for `<time datetime="{{iso}}">{{text}}</time>`: ISO 8601 UTC, and
    /// `2026-11-22 08:00 UTC`.
    static func time(_ instant: Date) -> [String: String] {
        ["iso": RFC3339.format(instant), "text": wallClock(instant, in: utc) + " UTC"]
    }

    /// `instant` on `calendar`'s wall clock with its zone, such as `2026-11-22 18:00 Asia/Shanghai`;
    /// nil for a calendar without a zone (24x7, elapsed time): the UTC text says it all then.
    static func local(_ instant: Date, calendar: any WorkingCalendar) -> String? {
        guard let calendar = calendar as? BusinessCalendar, calendar.timeZone != utc else { return nil }
        return wallClock(instant, in: calendar.timeZone) + " " + calendar.timeZoneIdentifier
    }

    /// Working or elapsed seconds as `1h30m` (``WorkDuration``); `0s` for none or less.
    static func duration(_ seconds: Double) -> String {
        WorkDuration(seconds: Int64(max(0, seconds.rounded(.down)))).description
    }

    /// The dashboard path of a task's page.
    static func taskPath(_ id: String) -> String {
        "/ui/tasks/" + pathSegment(id)
    }

    /// `text` as one path segment: percent-encoded but for unreserved characters.
    static func pathSegment(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

    private static let utc = TimeZone(identifier: "UTC")!

    private static func wallClock(_ instant: Date, in zone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: instant)
        func two(_ value: Int?) -> String { String(format: "%02d", value ?? 0) }
        return "\(parts.year ?? 0)-\(two(parts.month))-\(two(parts.day)) \(two(parts.hour)):\(two(parts.minute))"
    }
}
