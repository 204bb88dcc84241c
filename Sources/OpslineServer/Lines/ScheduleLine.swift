import OpslineStore
import Workflow

/// A schedule as one line of `GET /v1/schedules`: `workflow`, `schedule`, then the schedule as the
/// workflow's definition shows it (`every` or `cron`, `calendar`, `skip_holidays`, `title`,
/// `fields`) with `team` always given (the workflow's when the schedule names none), and
/// `next_at`, when it next creates a task (absent when it never fires again).
struct ScheduleLine: Encodable, Sendable {
    let status: ScheduleStatus
    /// The workflow's own team, for a schedule that names none.
    let workflowTeam: String

    var json: JSONValue {
        var line = WorkflowDocument.schedule(status.schedule)
        line["schedule"] = line.removeValue(forKey: "name")
        line["workflow"] = .string(status.workflow)
        line["team"] = .string(status.schedule.team ?? workflowTeam)
        if let next = status.next { line["next_at"] = .string(RFC3339.format(next)) }
        return .object(line)
    }

    func encode(to encoder: any Encoder) throws {
        try json.encode(to: encoder)
    }
}
