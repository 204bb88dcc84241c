import Foundation
import Workflow

/// An SLA deadline in a business calendar (`GET /v1/calendars/{name}/due`, or worked out locally
/// by ``init(calendar:from:duration:)``).
public struct CalendarDueLine: Codable, Sendable, Hashable {
    /// The calendar's name.
    public var calendar: String
    /// The calendar's time zone.
    public var timezone: String
    /// When the clock starts.
    public var from: Date
    /// The working time, as written (`4h`).
    public var duration: String
    /// The working time in seconds.
    var durationSeconds: Int
    /// The deadline; `nil` only when the calendar's working time runs out first.
    public var dueAt: Date?
    /// The deadline on the calendar's wall clock, with its offset.
    var dueAtLocal: String?

    enum CodingKeys: String, CodingKey {
        case calendar, timezone, from, duration
        case durationSeconds = "duration_s"
        case dueAt = "due_at"
        case dueAtLocal = "due_at_local"
    }

    /// Works the deadline out locally, as the server would.
    /// - Parameters:
    ///   - calendar: The business calendar.
    ///   - from: When the clock starts.
    ///   - duration: The working time.
    /// - Throws: ``DeadlineError`` when the deadline would fall after the year 9999 (the server
    ///   answers 400).
    public init(calendar: BusinessCalendar, from: Date, duration: WorkDuration) throws(DeadlineError) {
        let due = try calendar.due(from: from, adding: duration)
        let reachable = due != .distantFuture
        self.calendar = calendar.name
        self.timezone = calendar.timeZoneIdentifier
        self.from = from
        self.duration = duration.description
        self.durationSeconds = Int(duration.seconds)
        self.dueAt = reachable ? due : nil
        self.dueAtLocal = reachable ? calendar.localTimeText(due) : nil
    }

    /// Decodes the line; times are RFC 3339 text.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        calendar = try container.decode(String.self, forKey: .calendar)
        timezone = try container.decode(String.self, forKey: .timezone)
        from = try container.decodeTimestamp(forKey: .from)
        duration = try container.decode(String.self, forKey: .duration)
        durationSeconds = try container.decode(Int.self, forKey: .durationSeconds)
        dueAt = try container.decodeTimestampIfPresent(forKey: .dueAt)
        dueAtLocal = try container.decodeIfPresent(String.self, forKey: .dueAtLocal)
    }

    /// The line as the server writes it: every key, times as RFC 3339 UTC with milliseconds.
    public var json: JSONValue {
        [
            "calendar": .string(calendar), "timezone": .string(timezone), "from": .string(RFC3339.format(from)),
            "duration": .string(duration), "duration_s": .int(Int64(durationSeconds)),
            "due_at": dueAt.map { .string(RFC3339.format($0)) } ?? .null,
            "due_at_local": dueAtLocal.map(JSONValue.string) ?? .null,
        ]
    }

    /// Encodes the line as the server writes it.
    public func encode(to encoder: any Encoder) throws {
        try json.encode(to: encoder)
    }
}
