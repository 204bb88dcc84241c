/// Work that recurs: a task the workflow creates by itself on a calendar (`schedules:`), such as a
/// weekly competitor scan or a quarterly contingency drill.
///
/// Each occurrence creates one task in the workflow's initial state, exactly once however many
/// replicas run: the server keeps the next occurrence as one row of due work with a key of its
/// own, and the replica that claims it creates the task and the row of the one after in the same
/// transaction.
public struct WorkflowSchedule: Sendable, Hashable {
    /// When it fires, as the file writes it.
    public enum Recurrence: Sendable, Hashable {
        /// `every: monday 09:00`: a phrase (``EveryPhrase``).
        case every(String)
        /// `cron: "0 9 * * 1"`: five cron fields.
        case cron(String)
    }

    /// The schedule's name, unique in its workflow, e.g. `weekly-scan`.
    public let name: String
    /// When it fires, as written.
    public let recurrence: Recurrence
    /// When it fires, read.
    public let cron: CronExpression
    /// The calendar whose time zone the times are read in, and whose days off
    /// ``skipsDaysOff`` skips: the schedule's `calendar:`, else the workflow's, else `24x7` (UTC).
    public let calendar: String
    /// Whether an occurrence on a day the calendar has no working hours (a holiday, a weekend) is
    /// skipped.
    public let skipsDaysOff: Bool
    /// The title of each task; `{date}` stands for the occurrence's date, `2026-12-07`.
    public let title: String
    /// The team that owns each task; `nil`: the workflow's.
    public let team: String?
    /// Field values of each task, checked against the workflow's fields when the file loads.
    public let fields: [String: JSONValue]

    /// Creates a schedule.
    public init(
        name: String, recurrence: Recurrence, cron: CronExpression, calendar: String, skipsDaysOff: Bool,
        title: String, team: String? = nil, fields: [String: JSONValue] = [:]
    ) {
        self.name = name
        self.recurrence = recurrence
        self.cron = cron
        self.calendar = calendar
        self.skipsDaysOff = skipsDaysOff
        self.title = title
        self.team = team
        self.fields = fields
    }

    /// What decides when it fires: the recurrence, the calendar and the skipping of days off. A
    /// new version of the workflow with the same timing keeps the occurrence already planned; one
    /// with another timing plans afresh.
    public var timing: String {
        let when: String
        switch recurrence {
        case .every(let phrase): when = "every \(phrase)"
        case .cron(let fields): when = "cron \(fields)"
        }
        return "\(when) in \(calendar)\(skipsDaysOff ? " skipping days off" : "")"
    }

    /// The title of the task of the occurrence on `day`.
    public func title(on day: CalendarDay) -> String {
        title.replacingOccurrences(of: "{date}", with: day.description)
    }
}
