import Foundation
import Workflow

/// The answer of `GET /v1/calendars/{name}/due`: `calendar`, `timezone`, `from`, `duration` (as
/// asked, e.g. `4h`), `duration_s`, `due_at` (UTC) and `due_at_local` (the calendar's wall
/// clock, with its offset). `due_at` is null only for a calendar whose working time runs out.
struct CalendarDueLine: Encodable, Sendable {
    let calendar: BusinessCalendar
    let from: Date
    let duration: WorkDuration
    /// The deadline; `nil` when the calendar's working time runs out first.
    let due: Date?

    /// Works the deadline out.
    /// - Throws: ``DeadlineError`` when it would fall after the year 9999.
    init(calendar: BusinessCalendar, from: Date, duration: WorkDuration) throws(DeadlineError) {
        self.calendar = calendar
        self.from = from
        self.duration = duration
        let due = try calendar.due(from: from, adding: duration)
        self.due = due == .distantFuture ? nil : due
    }

    var json: JSONValue {
        .object([
            "calendar": .string(calendar.name),
            "timezone": .string(calendar.timeZoneIdentifier),
            "from": .string(RFC3339.format(from)),
            "duration": .string(duration.description),
            "duration_s": .int(duration.seconds),
            "due_at": due.map { .string(RFC3339.format($0)) } ?? .null,
            "due_at_local": due.map { .string(calendar.localTimeText($0)) } ?? .null,
        ])
    }

    func encode(to encoder: any Encoder) throws {
        try json.encode(to: encoder)
    }
}
