import Foundation
import Postgres
import Workflow

/// The people a command names, checked inside its transaction: a task's `team` must be a team,
/// and its `assignee` an active (not disabled) manager or member of the task's team, or nobody.
/// A refusal is 422 `validation_failed` naming each field at fault.
///
/// The teams the task's workflow names (``WorkflowDefinition/namedTeams``) are not looked up:
/// publishing the workflow registered them, and teams are never deleted. A task created in its
/// workflow's team without an assignee — the common case — costs no query here.
extension CommandTransaction {
    /// The team and assignee a new task gets, checked; an empty assignee is nobody.
    /// - Parameter knownTeams: Teams known to exist (the workflow's).
    func checkedPeople(
        team: String?, assignee: String?, knownTeams: [String]
    ) async throws -> (team: String?, assignee: String?) {
        let assignee = assignee.flatMap { $0.isEmpty ? nil : $0 }
        var problems: [FieldProblem] = []
        if let problem = try await teamProblem(team, knownTeams: knownTeams) { problems.append(problem) }
        if problems.isEmpty, let assignee, let problem = try await assigneeProblem(assignee, team: team, watching: []) {
            problems.append(problem)
        }
        guard problems.isEmpty else { throw StoreError.rule(.invalidFields(problems)) }
        return (team, assignee)
    }

    /// The update with its team and assignee checked against `current`: a new team must be a
    /// team; a new assignee, or the kept one when the team changes, must be able to work on the
    /// task in the team it ends up in. An empty assignee unassigns.
    ///
    /// When the team changes and the kept assignee is not an active manager or member of the
    /// new team, a caller is refused (422 naming `assignee`: send `"assignee": null`, or a member,
    /// with the team); the system — an SLA escalation handing the task on — unassigns the task
    /// instead, and the returned note says why, for its event.
    func checkedPeople(
        _ update: TaskUpdate, current: TaskRecord, knownTeams: [String]
    ) async throws -> (TaskUpdate, note: String?) {
        var update = update
        if case .some(.some("")) = update.assignee { update.assignee = .some(nil) }
        let team = update.team ?? current.team
        var problems: [FieldProblem] = []
        if update.team != nil, let problem = try await teamProblem(team, knownTeams: knownTeams) {
            problems.append(problem)
        }
        var note: String?
        let watching = Self.watchingTeams(after: update, of: current)
        if problems.isEmpty {
            if case .some(.some(let assignee)) = update.assignee {
                if let problem = try await assigneeProblem(assignee, team: team, watching: watching) {
                    problems.append(problem)
                }
            } else if update.assignee == nil, update.team != nil, team != current.team, let kept = current.assignee,
                !kept.isEmpty, let problem = try await assigneeProblem(kept, team: team, watching: watching)
            {
                if caller.isSystem {
                    update.assignee = .some(nil)
                    note = "\(kept) unassigned: \(problem.problem)"
                } else {
                    problems.append(
                        FieldProblem(
                            field: "assignee",
                            problem: "\(problem.problem); send \"assignee\": null (or one of its members) with the team"
                        ))
                }
            }
        }
        guard problems.isEmpty else { throw StoreError.rule(.invalidFields(problems)) }
        return (update, note)
    }

    /// What is wrong with `team` as a task's team, or nil: nil (no team) is fine, an unknown
    /// team is not.
    private func teamProblem(_ team: String?, knownTeams: [String]) async throws -> FieldProblem? {
        guard let team, !knownTeams.contains(team) else { return nil }
        guard try await connection.query(PeopleSQL.teamExists, [team], prepared: true).first == nil else { return nil }
        return FieldProblem(field: "team", problem: "names no team: '\(team)'")
    }

    /// What keeps `user` from being assigned a task of `team` watched by `watching`, or nil: they
    /// must be an active manager or member of one of those teams.
    private func assigneeProblem(_ user: String, team: String?, watching: [String]) async throws -> FieldProblem? {
        func problem(_ text: String) -> FieldProblem { FieldProblem(field: "assignee", problem: text) }
        guard let team else { return problem("'\(user)' cannot be assigned a task of no team; give it a team") }
        let teams = [team] + watching.filter { $0 != team }
        guard let row = try await connection.query(PeopleSQL.assignable, [user, teams], prepared: true).first else {
            return problem("names no user: '\(user)'")
        }
        if try row.decode("disabled_at", as: Date?.self) != nil { return problem("'\(user)' is disabled") }
        switch try row.decode("role", as: String?.self) {
        case nil: return problem("'\(user)' is not a member of team \(team)")
        case Role.viewer.rawValue?:
            return problem("'\(user)' is a viewer of team \(team); only its managers and members are assigned tasks")
        default: return nil
        }
    }
}
