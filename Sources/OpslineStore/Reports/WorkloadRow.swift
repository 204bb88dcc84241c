import Foundation
import Postgres

/// One line of the workload report: a person's load in a team, or a team's queue.
public enum WorkloadRow: Sendable, Hashable {
    /// What one person holds and did in one team.
    case person(PersonWorkload)
    /// The open tasks of a team nobody is assigned to.
    case queue(team: String?, unassigned: Int)

    init(row: PostgresRow) throws {
        let team: String? = try row.decode("team")
        guard let user = try row.decode("person", as: String?.self) else {
            self = .queue(team: team, unassigned: try row.decode("unassigned"))
            return
        }
        self = .person(
            PersonWorkload(
                user: user, team: team, open: try row.decode("open"), atRisk: try row.decode("at_risk"),
                breached: try row.decode("breached"), oldestOpenAt: try row.decode("oldest_open_at"),
                assignedRecently: try row.decode("assigned_recently"), closedRecently: try row.decode("closed_recently")
            ))
    }
}

/// A person's load in one team: the open tasks assigned to them now, and what came and went
/// within the report's window.
public struct PersonWorkload: Sendable, Hashable {
    /// The assignee's name.
    public let user: String
    /// The team of the tasks (their team now).
    public let team: String?
    /// Open tasks assigned to them.
    public let open: Int
    /// Of those, tasks with a running SLA clock due by the report's horizon, not yet breached.
    public let atRisk: Int
    /// Of those, tasks with a breached SLA clock.
    public let breached: Int
    /// When the oldest of those was created; nil without open tasks.
    public let oldestOpenAt: Date?
    /// Tasks assigned to them within the window (by an assignment, an update or escalation, or
    /// created with them as the assignee), each counted once.
    public let assignedRecently: Int
    /// Tasks assigned to them that closed within the window.
    public let closedRecently: Int
}
