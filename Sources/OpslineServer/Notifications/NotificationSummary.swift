import Foundation
import OpslineStore
import Workflow

/// What a notification says, channel by channel alike: a headline, the task, and the time that
/// matters (due or breached) on the wall clock of the calendar the clock counts in — a Shanghai
/// team reads 23:30, not 15:30Z.
struct NotificationSummary: Sendable {
    /// One line: `SLA breached: resolution of CMP-12 at 2026-11-28 23:30 (Asia/Shanghai)`.
    let headline: String
    /// Label and value pairs: task, title, workflow, team, assignee, priority, state, policy.
    let details: [(String, String)]
    /// The task's page, when the server knows its public address.
    let link: String?

    /// A summary as given.
    init(headline: String, details: [(String, String)], link: String?) {
        self.headline = headline
        self.details = details
        self.link = link
    }

    /// The summary of `event` on `task`.
    init(event: JSONValue, task: TaskRecord?, calendars: CalendarBook, catalog: WorkflowCatalog, publicURL: String?) {
        let type = event["type"]?.stringValue ?? "event"
        let data = event["data"] ?? .object([:])
        let id = event["task"]?.stringValue ?? task?.id ?? "?"
        let policy = data["policy"]?.stringValue
        let calendarName =
            data["calendar"]?.stringValue
            ?? task.flatMap { catalog.latest($0.workflow)?.definition.calendar }
            ?? BusinessCalendar.twentyFourSeven.name
        let calendar = calendars.businessCalendar(named: calendarName) ?? .twentyFourSeven
        func local(_ key: String) -> String? {
            guard let text = data[key]?.stringValue, let instant = RFC3339.parse(text) else { return nil }
            return Self.wallClock(instant, calendar)
        }
        let clock = policy.map { "\($0)" + ((data["cycle"]?.intValue).map { $0 > 1 ? " (cycle \($0))" : "" } ?? "") }
        headline =
            switch type {
            case "sla_warning": "SLA warning: \(clock ?? "a clock") of \(id) is due \(local("due_at") ?? "soon")"
            case "sla_breached": "SLA breached: \(clock ?? "a clock") of \(id) at \(local("breached_at") ?? "now")"
            case "escalated":
                "Escalated: \(id), \(clock ?? "SLA") level \(data["escalation_level"]?.intValue ?? 1)"
                    + (task?.team.map { ", now with \($0)" } ?? "")
            case "assigned": "Assigned: \(id) to \(data["assignee"]?["to"]?.stringValue ?? task?.assignee ?? "nobody")"
            case "created": "New \(task?.workflow ?? "task"): \(id)"
            case "transitioned": "\(id) moved to \(data["to"]?.stringValue ?? task?.state ?? "?")"
            case "test": "Test message from Opsline"
            default: "\(type): \(id)"
            }
        var details: [(String, String)] = []
        if let task {
            details += [("Task", task.id), ("Title", task.title), ("Workflow", task.workflow)]
            details += [("Team", task.team), ("Assignee", task.assignee), ("Priority", task.priority)].compactMap {
                label, value in value.map { (label, $0) }
            }
            details.append(("State", task.state))
        }
        if let policy { details.append(("SLA", policy)) }
        self.details = details
        link = publicURL.map { base in
            (base.hasSuffix("/") ? String(base.dropLast()) : base) + "/ui/tasks/" + id
        }
    }

    /// `2026-11-28 23:30 (Asia/Shanghai)`.
    static func wallClock(_ instant: Date, _ calendar: BusinessCalendar) -> String {
        let text = calendar.localTimeText(instant)  // 2026-11-28T23:30:00+08:00
        let minutes = text.prefix(16).replacingOccurrences(of: "T", with: " ")
        return "\(minutes) (\(calendar.timeZoneIdentifier))"
    }

    /// The headline, details and link as plain text lines.
    var plainText: String {
        ([headline] + details.map { "\($0.0): \($0.1)" } + (link.map { [$0] } ?? [])).joined(separator: "\n")
    }
}
