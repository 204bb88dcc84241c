import Foundation
import Postgres
import Workflow

extension CommandTransaction {
    /// Applies a clock's due step (warning, breach, escalation level) and, for an escalation
    /// level, what the level does: reassign team or assignee, raise or set the priority, fire a
    /// transition. A stale step (the clock paused or stopped since) changes nothing.
    func stepClock(_ item: DueWorkItem) async throws {
        guard case .string(let policyName)? = item.payload["policy"], let step = SLAStep(payload: item.payload),
            let row = try await connection.query(TaskSQL.selectTask, [item.taskID]).first
        else { return }
        let task = try TaskRecord(row: row)
        let definition = try await definition(of: task)
        let stepped = try await followClocks(
            of: task, definition: definition, trigger: .step(step, policy: policyName), at: item.dueAt)
        guard case .escalation(let level) = step,
            stepped.clocks.first(where: { $0.policy == policyName })?.escalationLevel == level,
            task.clocks.first(where: { $0.policy == policyName })?.escalationLevel == level - 1,
            let policy = definition.slas.first(where: { $0.name == policyName }),
            policy.escalations.indices.contains(level - 1)
        else { return }
        try await escalate(stepped, level: policy.escalations[level - 1], policy: policyName)
    }

    private func escalate(_ task: TaskRecord, level: EscalationLevel, policy: String) async throws {
        var update = TaskUpdate(taskID: task.id)
        if let team = level.team { update.team = .some(team) }
        if let assignee = level.assignee { update.assignee = .some(assignee) }
        if let change = level.priority { update.priority = .some(change.applied(to: task.priority)) }
        let details: [String: JSONValue] = ["policy": .string(policy)]
        if update.team != nil || update.assignee != nil || update.priority != nil {
            try await applyOrRecord(.update(update), failure: "escalation_failed", details)
        }
        if let transition = level.fire {
            var request = TransitionRequest(taskID: task.id, transition: transition)
            request.note = "escalation"
            try await applyOrRecord(
                .transition(request), failure: "escalation_failed",
                details.merging(["transition": .string(transition)]) { $1 })
        }
    }
}

extension EscalationLevel.PriorityChange {
    /// The priority after the change: `raise` moves `pN` to `p(N-1)`, no higher than `p1`, and
    /// leaves a missing priority or another spelling as it is.
    func applied(to priority: String?) -> String? {
        switch self {
        case .set(let value): return value
        case .raise:
            guard let priority, priority.first == "p", let number = Int(priority.dropFirst()) else { return priority }
            return "p\(max(1, number - 1))"
        }
    }
}
