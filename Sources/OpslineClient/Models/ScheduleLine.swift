import Foundation

/// A workflow's schedule, one line of `GET /v1/schedules`: the tasks it creates by itself on a
/// calendar, and when it next creates one.
public struct ScheduleLine: Codable, Sendable, Hashable {
    /// The workflow whose tasks it creates.
    public var workflow: String
    /// The schedule's name.
    public var schedule: String
    /// The timing in plain words as the file writes it (`monday 09:00`), or nil for a cron one.
    public var every: String?
    /// The five cron fields as the file writes them, or nil for an `every` one.
    public var cron: String?
    /// The calendar whose time zone reads the times.
    public var calendar: String
    /// Whether an occurrence on a day the calendar has no hours is skipped.
    public var skipHolidays: Bool
    /// The title of each task; `{date}` stands for the occurrence's date.
    public var title: String
    /// The team that owns each task.
    public var team: String
    /// When it next creates a task; nil when it never fires again.
    public var nextAt: Date?

    /// The timing as written: `every monday 09:00` or `cron 0 9 * * 1`.
    public var timing: String {
        if let every { return "every \(every)" }
        return "cron \(cron ?? "")"
    }

    enum CodingKeys: String, CodingKey {
        case workflow, schedule, every, cron, calendar, title, team
        case skipHolidays = "skip_holidays"
        case nextAt = "next_at"
    }

    /// Decodes a schedule line.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        workflow = try container.decode(String.self, forKey: .workflow)
        schedule = try container.decode(String.self, forKey: .schedule)
        every = try container.decodeIfPresent(String.self, forKey: .every)
        cron = try container.decodeIfPresent(String.self, forKey: .cron)
        calendar = try container.decode(String.self, forKey: .calendar)
        skipHolidays = try container.decode(Bool.self, forKey: .skipHolidays)
        title = try container.decode(String.self, forKey: .title)
        team = try container.decode(String.self, forKey: .team)
        nextAt = try container.decodeTimestampIfPresent(forKey: .nextAt)
    }

    /// Encodes the line as the server writes it.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(workflow, forKey: .workflow)
        try container.encode(schedule, forKey: .schedule)
        try container.encodeIfPresent(every, forKey: .every)
        try container.encodeIfPresent(cron, forKey: .cron)
        try container.encode(calendar, forKey: .calendar)
        try container.encode(skipHolidays, forKey: .skipHolidays)
        try container.encode(title, forKey: .title)
        try container.encode(team, forKey: .team)
        try container.encodeTimestamp(nextAt, forKey: .nextAt)
    }
}
