import Foundation
import Postgres
import Workflow

extension CommandTransaction {
    /// Applies clocks' due steps (warning, breach, escalation level) and, for an escalation
    /// level, what the level does: reassign team or assignee (a level moving the task to another
    /// team without naming an assignee lets that team's assignment rule pick one), raise or set
    /// the priority, fire a transition. A stale step (the clock paused or stopped since) changes nothing.
    ///
    /// The items' tasks are read in one query and every changed clock is saved in one statement,
    /// so a batch costs a few round trips however many clocks it steps; the levels' actions then
    /// run one by one, as commands. Items that are not clock steps are skipped. Each task may
    /// have only one item here (apply several steps of one task in separate calls, in due order).
    func stepClocks(_ items: [DueWorkItem]) async throws {
        guard !items.isEmpty else { return }
        var tasks: [String: TaskRecord] = [:]
        for row in try await connection.query(TaskSQL.selectTasks, [items.compactMap(\.taskID)]).rows {
            let task = try TaskRecord(row: row)
            tasks[task.id] = task
        }
        var moves: [ClockMove] = []
        var escalations: [(task: TaskRecord, level: EscalationLevel, policy: String)] = []
        for item in items {
            guard case .slaStep(let policyName, let cycle, let step) = item.work, let taskID = item.taskID,
                let task = tasks[taskID]
            else {
                continue
            }
            let definition = try await definition(of: task)
            guard
                let move = try moveClocks(
                    of: task, definition: definition, trigger: .step(step, policy: policyName, cycle: cycle),
                    at: item.dueAt)
            else { continue }
            moves.append(move)
            func reached(on task: TaskRecord) -> Int? {
                task.clocks.first(where: { $0.policy == policyName && $0.cycle == cycle })?.escalationLevel
            }
            guard case .escalation(let level) = step, reached(on: move.task) == level, reached(on: task) == level - 1,
                let policy = definition.slas.first(where: { $0.name == policyName }),
                policy.escalations.indices.contains(level - 1)
            else { continue }
            escalations.append((move.task, policy.escalations[level - 1], policyName))
        }
        try await save(moves)
        for escalation in escalations {
            let event = pendingEventIndex(of: escalation.task.id, type: SLAClockChange.Kind.escalated.rawValue)
            let escalated = try await escalate(escalation.task, level: escalation.level, policy: escalation.policy)
            // The level hands the task to its new team in this transaction: the `escalated` event
            // belongs to that team too, so the people it names (`notify:`) may hear of it.
            if let event, let escalated { addTeams(escalated.teams, toPendingEventAt: event) }
        }
    }

    /// Applies what a level does.
    /// - Returns: The task as the level left it; `nil` when the level changed nothing.
    private func escalate(_ task: TaskRecord, level: EscalationLevel, policy: String) async throws -> TaskRecord? {
        var escalated: TaskRecord?
        var update = TaskUpdate(taskID: task.id)
        if let team = level.team {
            update.team = .some(team)
            // The people doing the work keep it: their team watches the task (#14).
            update.keepsPreviousTeam = true
        }
        if let assignee = level.assignee {
            update.assignee = .some(assignee)
        } else if let team = level.team, team != task.team,
            let rule = try await definition(of: task).assignmentRule(forTeam: team),
            let picked = try await pickAssignee(by: rule, team: team)
        {
            // The new team's rule picks its assignee, as for a task created there.
            (update.assignee, update.assignedBy) = (.some(picked), rule.kind)
        }
        if let change = level.priority {
            update.priority = .some(change.applied(to: task.priority, on: try await definition(of: task).priority))
        }
        let details: [String: JSONValue] = ["policy": .string(policy)]
        if update.team != nil || update.assignee != nil || update.priority != nil {
            escalated = try await applyOrRecord(.update(update), failure: "escalation_failed", details)
        }
        if let transition = level.fire {
            var request = TransitionRequest(taskID: task.id, transition: transition)
            request.note = "escalation"
            escalated =
                try await applyOrRecord(
                    .transition(request), failure: "escalation_failed",
                    details.merging(["transition": .string(transition)]) { $1 }) ?? escalated
        }
        return escalated
    }
}
