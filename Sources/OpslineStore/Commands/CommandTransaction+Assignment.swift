import Postgres
import Workflow

/// Assignment rules (`assign:` in a workflow file): a task that arrives in a team without an
/// assignee — created without one, or moved there by an SLA escalation — is given to one of the
/// team's active managers and members, in the transaction that brings it there.
extension CommandTransaction {
    /// The person `rule` gives a task of `team` to, or nil when the team has nobody to give it to
    /// (the task then waits unassigned, as without a rule).
    ///
    /// Locks the team's candidates first (``AssignmentSQL/lockCandidates``), so rules applied at
    /// the same time in one team take turns and each sees the others' picks.
    func pickAssignee(by rule: AssignmentRule, team: String) async throws -> String? {
        guard try await !connection.query(AssignmentSQL.lockCandidates, [team]).rows.isEmpty else { return nil }
        let pick =
            switch rule.kind {
            case .roundRobin: AssignmentSQL.pickRoundRobin
            case .leastLoaded: AssignmentSQL.pickLeastLoaded
            }
        return try await connection.query(pick, [team]).first?.decode("user_name", as: String.self)
    }

    /// Notes that `task` was just given to its assignee (when it has one), by `rule` or by hand:
    /// the person's last assignment, and a rule's turn in the team.
    func noteAssignment(of task: TaskRecord, by rule: AssignmentRule.Kind?) async throws {
        guard let assignee = task.assignee else { return }
        try await write(AssignmentSQL.noteAssignment, [assignee, task.team, rule != nil, statementNow])
    }
}
