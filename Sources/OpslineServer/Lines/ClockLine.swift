import Foundation
import OpslineStore
import Workflow

/// A clock and its task as one line of `GET /v1/sla/breaches` or `GET /v1/sla/at-risk`.
///
/// Every line has every key (absent values are null): the task (`task`, `title`, `workflow`,
/// `team` and `assignee` as they are now, `priority`, `task_state`) and the clock (`policy`,
/// `cycle`, `state` as stored: `running`, `paused` or `stopped`, `calendar`, `started_at`, `due_at`,
/// `breached_at`, `stopped_at`, `escalation_level`, `target_s`, `remaining_s`), who held the task
/// when it breached (`breached_team`, `breached_assignee`) and stopped (`stopped_team`,
/// `stopped_assignee`), and `escalated_to`: the task's team now when it differs from the team
/// the clock is charged to (the breach's), else null.
struct ClockLine: Encodable, Sendable {
    let record: TaskClockRecord
    /// The calendars the clock may count in, for the working time left.
    let calendars: SLACalendars
    /// The moment time left is counted up to.
    let now: Date

    /// The line of `record`, whose workflow's calendars the catalog knows.
    init(record: TaskClockRecord, catalog: WorkflowCatalog, now: Date) {
        self.record = record
        self.calendars = catalog.slaCalendars(forWorkflow: record.workflow)
        self.now = now
    }

    var json: JSONValue {
        func optional(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
        func time(_ value: Date?) -> JSONValue { value.map { .string(RFC3339.format($0)) } ?? .null }
        let clock = record.clock
        // A breached clock's deadline is its breach: the scheduler records it when it fell due.
        let remaining =
            clock.state == .stopped ? nil : clock.remainingSeconds(at: now, calendar: calendars.calendar(for: clock))
        return .object([
            "task": .string(record.taskID),
            "title": .string(record.title),
            "workflow": .string(record.workflow),
            "team": optional(record.team),
            "assignee": optional(record.assignee),
            "priority": optional(record.priority),
            "task_state": .string(record.taskState),
            "policy": .string(clock.policy),
            "cycle": .int(Int64(clock.cycle)),
            "state": .string(clock.state.rawValue),
            "calendar": .string(calendars.calendarName(for: clock)),
            "started_at": time(clock.startedAt),
            "due_at": time(clock.breachedAt ?? record.dueAt),
            "breached_at": time(clock.breachedAt),
            "stopped_at": time(clock.stoppedAt),
            "escalation_level": .int(Int64(clock.escalationLevel)),
            "target_s": clock.targetSeconds.map { .int(Int64($0.rounded())) } ?? .null,
            "remaining_s": remaining.map { .int(Int64($0.rounded(.down))) } ?? .null,
            "breached_team": optional(clock.heldAtBreach?.team),
            "breached_assignee": optional(clock.heldAtBreach?.assignee),
            "stopped_team": optional(clock.heldAtStop?.team),
            "stopped_assignee": optional(clock.heldAtStop?.assignee),
            "escalated_to": optional(record.escalatedTo),
        ])
    }

    func encode(to encoder: any Encoder) throws {
        try json.encode(to: encoder)
    }
}
