import Foundation
import Postgres
import Workflow

/// What moved a task's clocks.
enum ClockTrigger {
    /// The task was just created in its initial state.
    case created
    /// The task entered a state (and its fields may have changed).
    case entered(String)
    /// Only its fields changed.
    case fieldsChanged
    /// The scheduler applies a due step, scheduled for cycle `cycle` of the policy's clock.
    case step(SLAStep, policy: String, cycle: Int)
}

/// What a trigger did to one task's clocks: the changes, and the task with its clocks as they
/// now are. Nothing is saved until `CommandTransaction.save(_:)`.
struct ClockMove {
    /// The task, its `clocks` moved.
    let task: TaskRecord
    /// What changed, one per clock that moved, in policy order.
    let changes: [SLAClockChange]
    /// The changed clocks as `SLASQL.saveClocks` stores them (with `task_id`), one per policy and
    /// cycle.
    let rows: [JSONValue]
    /// Their next due steps as `{task_id, due_at, payload}`.
    let steps: [JSONValue]
    /// How long after the move the earliest of those steps falls due.
    let soonestStepIn: Double?
    /// The calendars the clocks count in.
    let calendars: SLACalendars
    /// The workflow's SLA policies, for who their steps notify.
    let policies: [SLAPolicy]
}

extension CommandTransaction {
    /// Moves the task's clocks for `trigger` at `instant`, saves the clocks that changed with
    /// their next due steps, records an event per change, and returns the task with its clocks
    /// as they now are.
    ///
    /// Commands pass the task row's `updated_at`, the transaction's `now()`, so every replica
    /// counts by the database's clock; the scheduler passes the step's due time, so a breach is
    /// recorded when it happened, and its event's own time shows the detection lag.
    func followClocks(
        of task: TaskRecord, definition: WorkflowDefinition, trigger: ClockTrigger, at instant: Date,
        fieldsChanged: Bool = false
    ) async throws -> TaskRecord {
        guard
            let move = try moveClocks(
                of: task, definition: definition, trigger: trigger, at: instant, fieldsChanged: fieldsChanged)
        else { return task }
        try await save([move])
        return move.task
    }

    /// What `trigger` at `instant` does to the task's clocks, without saving it; `nil` when no
    /// clock moves.
    ///
    /// A deadline after the year 9999 (a calendar with too little working time for the target)
    /// cannot be stored: a command that would set one is refused with
    /// ``RuleViolation/deadlineOutOfRange(policy:calendar:)``. A step of the scheduler's has no
    /// one to refuse, so the next step of its clock is not scheduled (it could not fall due
    /// before then anyway) and its deadline is stored as none.
    /// - Throws: `StoreError.rule(.deadlineOutOfRange)` for a command.
    func moveClocks(
        of task: TaskRecord, definition: WorkflowDefinition, trigger: ClockTrigger, at instant: Date,
        fieldsChanged: Bool = false
    ) throws -> ClockMove? {
        guard !definition.slas.isEmpty else { return nil }
        let calendars = catalog.calendars.slaCalendars(workflowCalendar: definition.calendar)
        var clocks = TaskClocks(
            policies: definition.slas, clocks: task.clocks, calendars: calendars,
            holder: TaskHolder(team: task.team, assignee: task.assignee))
        var changes: [SLAClockChange] = []
        switch trigger {
        case .created: changes = clocks.taskCreated(in: task.state, fields: task.fields, at: instant)
        case .entered(let state):
            if fieldsChanged { changes += clocks.fieldsChanged(task.fields, at: instant) }
            changes += clocks.taskEntered(state, fields: task.fields, at: instant)
        case .fieldsChanged: changes = clocks.fieldsChanged(task.fields, at: instant)
        case .step(let step, let policy, let cycle):
            changes = clocks.apply(step, policy: policy, cycle: cycle, at: instant).map { [$0] } ?? []
        }
        guard !changes.isEmpty else { return nil }
        let policies = Set(changes.map(\.clock.policy)).sorted()
        let taskID = JSONValue.string(task.id)
        func deadline<Value>(_ policy: String, _ body: () throws(DeadlineError) -> Value?) throws -> Value? {
            do {
                return try body()
            } catch {
                if case .step = trigger { return nil }
                let calendarName =
                    clocks.clocks[policy]?.calendar ?? definition.calendar ?? BusinessCalendar.twentyFourSeven.name
                throw StoreError.rule(.deadlineOutOfRange(policy: policy, calendar: calendarName))
            }
        }
        // Each changed clock as the last change left it: a policy's current cycle, or one a new
        // cycle replaced in the same move.
        var changed: [String: SLAClock] = [:]
        for change in changes { changed["\(change.clock.policy) \(change.clock.cycle)"] = change.clock }
        let rows: [JSONValue] = try changed.keys.sorted().compactMap { key in
            guard let clock = changed[key] else { return nil }
            let dueAt = try deadline(clock.policy) { () throws(DeadlineError) in
                try clock.dueAt(calendar: calendars.calendar(for: clock))
            }
            guard case .object(var row) = clock.storedObject(dueAt: dueAt) else { return nil }
            row["task_id"] = taskID
            return .object(row)
        }
        let nextSteps = try policies.compactMap { policy in
            try deadline(policy) { () throws(DeadlineError) in try clocks.nextStep(policy: policy) }.map {
                (policy, $0)
            }
        }
        let steps: [JSONValue] = nextSteps.map { policy, next in
            [
                "task_id": taskID, "due_at": .string(RFC3339.format(next.at)),
                "payload": next.step.payload(policy: policy, cycle: clocks.clocks[policy]?.cycle ?? 1),
            ]
        }
        var moved = task
        moved.clocks = clocks.all
        return ClockMove(
            task: moved, changes: changes, rows: rows, steps: steps,
            soonestStepIn: nextSteps.map { $0.1.at.timeIntervalSince(instant) }.min(), calendars: calendars,
            policies: definition.slas)
    }

    /// Saves the moved clocks of one or many tasks and replaces their waiting steps, in one
    /// statement; has the flush wake the schedulers if a step falls due soon; records an event
    /// per change.
    func save(_ moves: [ClockMove]) async throws {
        guard !moves.isEmpty else { return }
        let steps = moves.flatMap(\.steps)
        try await writeMerging(
            SLASQL.saveClocks, [JSONValue.array(moves.flatMap(\.rows)).jsonText, JSONValue.array(steps).jsonText])
        if let soonest = moves.compactMap(\.soonestStepIn).min() { announceDueWork(dueIn: soonest) }
        for move in moves {
            for change in move.changes {
                let policy = move.policies.first { $0.name == change.clock.policy }
                record(
                    move.task, change.kind.rawValue, Self.eventData(change, calendars: move.calendars, policy: policy))
            }
        }
    }

    /// What an SLA event says: the policy, the clock's state, and its target and deadline (and
    /// the calendar it counts in, when its policy picks one); for a warning, a breach or an
    /// escalation level whose `notify:` names receivers, those names (`notify`), which the outbox
    /// sends the event to.
    static func eventData(
        _ change: SLAClockChange, calendars: SLACalendars, policy: SLAPolicy? = nil
    ) -> [String: JSONValue] {
        let clock = change.clock
        var data: [String: JSONValue] = [
            "policy": .string(clock.policy), "cycle": .int(Int64(clock.cycle)), "state": .string(clock.state.rawValue),
        ]
        if let target = clock.targetSeconds { data["target_s"] = .int(Int64(target.rounded())) }
        if let calendar = clock.calendar { data["calendar"] = .string(calendar) }
        // Saving the clock refused a deadline it could not write; an event shows none.
        if let due = try? clock.dueAt(calendar: calendars.calendar(for: clock)) {
            data["due_at"] = .string(RFC3339.format(due))
        }
        if change.kind == .escalated { data["escalation_level"] = .int(Int64(clock.escalationLevel)) }
        if change.kind == .breached, let breachedAt = clock.breachedAt {
            data["breached_at"] = .string(RFC3339.format(breachedAt))
        }
        let step: SLAStep? =
            switch change.kind {
            case .warning: .warning
            case .breached: .breach
            case .escalated: .escalation(clock.escalationLevel)
            default: nil
            }
        if let step, let receivers = policy?.receivers(of: step), !receivers.isEmpty {
            data["notify"] = .array(receivers.map(JSONValue.string))
        }
        return data
    }
}
