import Postgres
import Workflow

extension CommandTransaction {
    func create(_ command: NewTask) async throws -> TaskRecord {
        // An unknown workflow is not found for everyone: nothing to hide, nothing to refuse.
        guard catalog.latest(command.workflow) != nil else { throw StoreError.workflowNotFound(command.workflow) }
        // A child changes what its parent waits for (`children: done`): the authorizer sees the
        // parent, so a caller cannot hang children under another team's task.
        var parent: TaskRecord?
        if let parentID = command.parent {
            guard let row = try await connection.query(TaskSQL.selectTask, [parentID], prepared: true).first else {
                throw StoreError.unknownReference(field: "parent", value: parentID)
            }
            parent = try TaskRecord(row: row)
        }
        try authorize(.create(command), parent)
        let definition = catalog.latest(command.workflow)?.definition
        var checked = command
        (checked.team, checked.assignee) = try await checkedPeople(
            team: command.team ?? definition?.team, assignee: command.assignee,
            knownTeams: definition?.namedTeams ?? [])
        return try await insertTask(checked)
    }

    /// Creates a task in its workflow's initial state, and whatever entering that state starts.
    /// Its parent, if any, exists: `create` loaded it, and a spawn's parent is the task entering
    /// a state.
    /// Without an assignee, the workflow's assignment rule for the task's team gives it one.
    /// `origin` adds to the `created` event what made the task (a schedule's occurrence).
    func insertTask(_ requested: NewTask, origin: [String: JSONValue] = [:]) async throws -> TaskRecord {
        guard let workflow = catalog.latest(requested.workflow) else {
            throw StoreError.workflowNotFound(requested.workflow)
        }
        let definition = workflow.definition
        var command = requested
        var rule: AssignmentRule.Kind?
        let team = command.team ?? definition.team
        if command.assignee == nil, let assignment = definition.assignmentRule(forTeam: team),
            let picked = try await pickAssignee(by: assignment, team: team)
        {
            (command.assignee, rule) = (picked, assignment.kind)
        }
        let looked = try await withLookups(command.fields, current: [:], definition: definition)
        let fields = try checkingRules { () throws(RuleViolation) in
            try definition.prepareNewTask(fields: looked)
        }
        command.priority =
            try Self.checkedPriority(command.priority, on: definition) ?? definition.priority?.initial(fields: fields)
        let number = try await connection.query(TaskSQL.nextNumber, [definition.key], prepared: true).first!
            .decode("last_number", as: Int64.self)
        let task = try TaskRecord(
            row: try await connection.query(
                TaskSQL.insertTask,
                [
                    "\(definition.key)-\(number)", definition.name, workflow.version,
                    definition.initialState.name, command.title, command.priority,
                    command.team ?? definition.team, command.assignee, JSONText.encode(fields), command.parent,
                    statementNow,
                ], prepared: true
            ).first!)
        missingTasks.remove(task.id)
        var data: [String: JSONValue] = origin.merging([
            "state": .string(task.state), "workflow_version": .int(Int64(workflow.version)),
        ]) { $1 }
        if let assignee = task.assignee { data["assignee"] = .string(assignee) }
        if let rule { data["assigned_by"] = .string(rule.rawValue) }
        Self.noteReceivers(of: task.state, in: definition, into: &data)
        record(task, "created", data)
        try await sign(TransitionGuard.creation, of: task, definition: definition)
        try await noteAssignment(of: task, by: rule)
        try await enter(task.state, of: task, definition: definition)
        let created = try await followClocks(of: task, definition: definition, trigger: .created, at: task.updatedAt)
        forgetLookups(after: created)
        try await rollUp(from: created, before: nil)
        return created
    }

    func transition(_ request: TransitionRequest) async throws -> TaskRecord {
        let (current, now) = try await lockTask(
            request.taskID, for: .transition(request), expectedVersion: request.expectedVersion)
        let definition = try await definition(of: current)
        var context = TransitionContext(
            role: caller.workflowRole(onTaskOf: current.teams),
            checkedItems: Set(current.checks[current.state]?.keys.map { $0 } ?? []))
        let fired = definition.transition(named: request.transition)
        if fired?.guards.requiresChildrenDone == true {
            context.openChildren = try await openChildren(of: current.id)
        }
        if caller.isSystem == false { context.actor = caller.name }
        context.today = workflowCalendar(of: current.workflow).localDay(of: now)
        context.signatures = try await signatures(of: current, for: fired)
        let changes = try await withLookups(request.fields, current: current.fields, definition: definition)
        let plan = try checkingRules { () throws(RuleViolation) in
            try definition.planTransition(
                request.transition, from: current.state, fields: current.fields, changes: changes, context: context)
        }
        let priority = definition.priority?.followed(from: current.fields, to: plan.fields) ?? current.priority
        // The row is known without reading it back, so the write goes with the commit.
        let move: JSONValue = [
            "id": .string(current.id), "state": .string(plan.to), "fields": .object(plan.fields),
            "closing": .bool(plan.entersFinalState), "priority": priority.map(JSONValue.string) ?? .null,
            "at": statementNow.map { .string(RFC3339.format($0)) } ?? .null,
        ]
        try await writeMerging(TaskSQL.applyTransitions, [JSONValue.array([move]).jsonText])
        let task = current.moved(
            to: plan.to, fields: plan.fields, priority: priority, closing: plan.entersFinalState, at: now)
        var data: [String: JSONValue] = [
            "transition": .string(plan.transition), "from": .string(plan.from), "to": .string(plan.to),
        ]
        if let note = request.note { data["note"] = .string(note) }
        if !request.fields.isEmpty { data["fields"] = .object(request.fields) }
        if priority != current.priority {
            data["priority"] = [
                "from": current.priority.map(JSONValue.string) ?? .null, "to": priority.map(JSONValue.string) ?? .null,
            ]
        }
        Self.noteReceivers(of: plan.to, in: definition, into: &data)
        record(task, "transitioned", data)
        try await sign(plan.transition, of: task, definition: definition)
        try await leave(current, definition: definition)
        try await enter(task.state, of: task, definition: definition)
        let followed = try await followClocks(
            of: task, definition: definition, trigger: .entered(task.state), at: task.updatedAt,
            fieldsChanged: task.fields != current.fields)
        try await followParentDates(of: followed, definition: definition, before: current.fields)
        forgetLookups(after: followed)
        try await rollUp(from: followed, before: current.fields)
        return followed
    }

    func update(_ requested: TaskUpdate) async throws -> TaskRecord {
        let (current, _) = try await lockTask(
            requested.taskID, for: .update(requested), expectedVersion: requested.expectedVersion)
        let definition = try await definition(of: current)
        let (update, unassignment) = try await checkedPeople(
            requested, current: current, knownTeams: definition.namedTeams)
        try Self.checkPriorityChange(update.priority, on: definition)
        let looked = try await withLookups(update.fields, current: current.fields, definition: definition)
        let fields = try checkingRules { () throws(RuleViolation) in
            try definition.applyFieldChanges(looked, to: current.fields, inState: current.state)
        }
        let followed = definition.priority?.followed(from: current.fields, to: fields)
        // `apply` refused an empty title before.
        let title = update.title ?? current.title
        let task = try TaskRecord(
            row: try await connection.query(
                TaskSQL.applyUpdate,
                [
                    current.id, title, (update.assignee ?? current.assignee), (update.team ?? current.team),
                    (update.priority ?? followed ?? current.priority), JSONText.encode(fields), statementNow,
                    Self.watchingTeams(after: update, of: current),
                ], prepared: true
            ).first!)
        var changes = Self.changes(from: current, to: task)
        if let unassignment { changes["note"] = .string(unassignment) }
        if let rule = update.assignedBy, task.assignee != current.assignee {
            changes["assigned_by"] = .string(rule.rawValue)
        }
        record(task, update.isAssignment ? "assigned" : "updated", changes, previousTeam: current.team)
        if task.assignee != current.assignee { try await noteAssignment(of: task, by: update.assignedBy) }
        guard task.fields != current.fields else { return task }
        let clocked = try await followClocks(
            of: task, definition: definition, trigger: .fieldsChanged, at: task.updatedAt)
        try await followParentDates(of: clocked, definition: definition, before: current.fields)
        forgetLookups(after: clocked)
        try await rollUp(from: clocked, before: current.fields)
        return clocked
    }

    func comment(_ taskID: String, _ text: String) async throws -> TaskRecord {
        // `apply` refused a blank text before.
        let (task, _) = try await lockTask(taskID, for: .comment(taskID: taskID, text: text), expectedVersion: nil)
        record(task, "commented", ["text": .string(text)])
        return task
    }

    /// Adds the receivers entering `state` tells (its `on_enter: {notify: [...]}`) to the event of
    /// the entry, as `notify`: the outbox sends the event to the subscriptions so named.
    static func noteReceivers(of state: String, in definition: WorkflowDefinition, into data: inout [String: JSONValue])
    {
        guard let receivers = definition.state(named: state)?.notify, !receivers.isEmpty else { return }
        data["notify"] = .array(receivers.map(JSONValue.string))
    }

    /// `priority`, refused (422 naming `priority`) when the workflow has a priority scale and it
    /// is not on it.
    static func checkedPriority(_ priority: String?, on definition: WorkflowDefinition) throws -> String? {
        guard let priority, let problem = definition.priority?.problem(priority) else { return priority }
        throw StoreError.rule(.invalidFields([FieldProblem(field: "priority", problem: problem)]))
    }

    /// Refuses (422 naming `priority`) a new priority off the workflow's scale, and clearing the
    /// priority of a workflow whose scale has a default: its tasks always have one.
    static func checkPriorityChange(_ change: String??, on definition: WorkflowDefinition) throws {
        switch change {
        case .some(.some(let priority)): _ = try checkedPriority(priority, on: definition)
        case .some(.none) where definition.priority?.defaultValue != nil:
            let problem =
                "cannot be cleared: this workflow's tasks always have a priority; set one of "
                + (definition.priority?.values ?? []).joined(separator: ", ")
            throw StoreError.rule(.invalidFields([FieldProblem(field: "priority", problem: problem)]))
        default: return
        }
    }

    /// The watching teams after `update`: an escalation's move adds the team the task leaves;
    /// the team it moves to, owning it now, stops watching.
    static func watchingTeams(after update: TaskUpdate, of task: TaskRecord) -> [String] {
        guard case .some(let newTeam) = update.team, newTeam != task.team else { return task.watchingTeams }
        var watching = task.watchingTeams
        if update.keepsPreviousTeam, let left = task.team, !watching.contains(left) { watching.append(left) }
        return watching.filter { $0 != newTeam }
    }

    /// What an update changed, as `{"title":{"from":…,"to":…}, "fields":{…}}`.
    static func changes(from old: TaskRecord, to new: TaskRecord) -> [String: JSONValue] {
        var changes: [String: JSONValue] = [:]
        func note(_ name: String, _ before: String?, _ after: String?) {
            guard before != after else { return }
            changes[name] = .object([
                "from": before.map(JSONValue.string) ?? .null, "to": after.map(JSONValue.string) ?? .null,
            ])
        }
        note("title", old.title, new.title)
        note("assignee", old.assignee, new.assignee)
        note("team", old.team, new.team)
        if old.watchingTeams != new.watchingTeams {
            changes["watching_teams"] = [
                "from": .array(old.watchingTeams.map(JSONValue.string)),
                "to": .array(new.watchingTeams.map(JSONValue.string)),
            ]
        }
        note("priority", old.priority, new.priority)
        let fieldNames = Set(old.fields.keys).union(new.fields.keys).sorted()
        let changedFields = fieldNames.filter { old.fields[$0] != new.fields[$0] }
        if !changedFields.isEmpty {
            changes["fields"] = .object(
                Dictionary(uniqueKeysWithValues: changedFields.map { ($0, new.fields[$0] ?? .null) }))
        }
        return changes
    }
}
