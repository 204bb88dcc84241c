import Foundation
import Workflow

/// The answer of `GET /v1/calendars/{name}/due`: `calendar`, `timezone`, `from`, `duration` (as
/// asked, e.g. `4h`), `duration_s`, `due_at` (UTC) and `due_at_local` (the calendar's wall
/// clock, with its offset). `due_at` is null only for a calendar whose working time runs out.
struct CalendarDueLine: Encodable, Sendable {
    let calendar: BusinessCalendar
    let from: Date
    let duration: WorkDuration

    var json: JSONValue {
        let due = calendar.due(from: from, adding: duration)
        let reachable = due != .distantFuture
        return .object([
            "calendar": .string(calendar.name),
            "timezone": .string(calendar.timeZoneIdentifier),
            "from": .string(RFC3339.format(from)),
            "duration": .string(duration.description),
            "duration_s": .int(duration.seconds),
            "due_at": reachable ? .string(RFC3339.format(due)) : .null,
            "due_at_local": reachable ? .string(calendar.localTimeText(due)) : .null,
        ])
    }

    func encode(to encoder: any Encoder) throws {
        try json.encode(to: encoder)
    }
}
