import Foundation
import Postgres
import Workflow

/// One SLA clock together with the task it runs on: a line of the breach and at-risk views.
public struct TaskClockRecord: Sendable, Hashable {
    /// The task's id, e.g. `CMP-42`.
    public let taskID: String
    /// The task's title.
    public let title: String
    /// The task's workflow.
    public let workflow: String
    /// The team that owns the task now.
    public let team: String?
    /// The team the clock counts for (``SLAClock/chargedTeam(current:)``): the team that held the
    /// task at the breach, for a breached clock.
    public var chargedTeam: String? { clock.chargedTeam(current: team) }
    /// The team the task has moved to since the clock was charged (an escalation handed it on),
    /// when that differs from ``chargedTeam``; `nil` when it has not moved.
    public var escalatedTo: String? {
        let charged = chargedTeam
        return team != charged ? team : nil
    }
    /// Who works on the task.
    public let assignee: String?
    /// The task's priority, e.g. `p1`.
    public let priority: String?
    /// The state the task is in.
    public let taskState: String
    /// When the task entered a final state, if it has.
    public let closedAt: Date?
    /// The clock, as stored.
    public let clock: SLAClock
    /// When the clock breaches if it keeps running, as stored; `nil` once breached, paused or
    /// stopped.
    public let dueAt: Date?

    init(row: PostgresRow) throws {
        taskID = try row.decode("id")
        title = try row.decode("title")
        workflow = try row.decode("workflow")
        team = try row.decode("team")
        assignee = try row.decode("assignee")
        priority = try row.decode("priority")
        taskState = try row.decode("task_state")
        closedAt = try row.decode("closed_at")
        let state = try row.decode("state", as: SLAClock.State.self, in: "sla_clocks")
        clock = SLAClock(
            policy: try row.decode("policy"), cycle: try row.decode("cycle"), calendar: try row.decode("calendar"),
            state: state,
            startedAt: try row.decode("started_at"), targetSeconds: try row.decode("target_s"),
            workedSeconds: try row.decode("worked_s"), runningSince: try row.decode("running_since"),
            warnedAt: try row.decode("warned_at"), breachedAt: try row.decode("breached_at"),
            stoppedAt: try row.decode("stopped_at"), escalationLevel: try row.decode("escalation_level"),
            heldAtBreach: TaskHolder.stored(
                team: try row.decode("breached_team"), assignee: try row.decode("breached_assignee")),
            heldAtStop: TaskHolder.stored(
                team: try row.decode("stopped_team"), assignee: try row.decode("stopped_assignee")))
        dueAt = try row.decode("due_at")
    }
}

/// Where a page of clocks ends: the order's columns of its last row, the time as PostgreSQL
/// printed it so that no microsecond is lost on the way back.
public struct ClockCursor: Sendable, Hashable {
    /// `breached_at` or `due_at`, as text.
    let at: String
    /// The task's id.
    let taskID: String
    /// The policy's name.
    let policy: String
    /// The clock's cycle.
    let cycle: Int

    init(row: PostgresRow) throws {
        at = try row.decode("cursor_at")
        taskID = try row.decode("id")
        policy = try row.decode("policy")
        cycle = try row.decode("cycle")
    }
}
