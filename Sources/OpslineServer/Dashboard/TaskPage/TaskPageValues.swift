import Foundation
import OpslineStore
import Workflow

/// What the `task` template shows, from what the task page read: the task, its workflow
/// version's definition, its children and history, and the caller's permissions.
struct TaskPageValues {
    let task: TaskRecord
    let definition: WorkflowDefinition
    let caller: Principal
    let csrf: String
    let calendars: CalendarBook
    let now: Date
    /// The ids of the children the caller sees, oldest first.
    let children: [String]
    /// The children and the parent (when the caller sees it) by id.
    let related: [String: TaskRecord]
    /// The task's history, oldest first.
    let events: [EventRecord]
    /// The refused form being shown again, if any.
    let failure: FormFailure?
    /// The event log's last `seq` read before the page's data.
    let liveAfter: Int64
    /// The task's links to tasks the caller sees, both ways.
    var links: [TaskLink] = []
    /// For a record other workflows look up (a customer): the queues of the tasks that name it
    /// (its complaints), as links.
    var recordTasks: [(href: String, label: String)] = []

    var values: [String: Any] {
        var values: [String: Any] = [
            "taskID": task.id, "taskPath": TaskPageRoute.path(task.id), "title": task.title,
            "workflow": task.workflow, "workflowTitle": definition.title,
            "workflowPath": "/ui/workflows/" + task.workflow, "workflowVersion": task.workflowVersion,
            "state": task.state, "stateTitle": definition.state(named: task.state)?.title ?? task.state,
            "isClosed": task.closedAt != nil, "priority": task.priority ?? "none", "team": task.team ?? "none",
            "watchingTeams": task.watchingTeams.joined(separator: ", "), "isWatched": !task.watchingTeams.isEmpty,
            "assignee": task.assignee ?? "nobody", "version": task.version,
            "fields": fieldRows, "hasFields": !fieldRows.isEmpty,
            "clocks": clockRows, "hasClocks": !task.clocks.isEmpty,
            "children": childRows, "hasChildren": !children.isEmpty,
            "history": historyRows, "comments": commentRows, "hasComments": !commentRows.isEmpty,
            "csrf": csrf, "liveAfter": liveAfter,
            "liveTasks": ([task.id] + children).joined(separator: " "),
        ]
        values.merge(workValues) { _, work in work }
        Self.time(task.createdAt, "createdAt", into: &values)
        Self.time(task.updatedAt, "updatedAt", into: &values)
        if let closedAt = task.closedAt { Self.time(closedAt, "closedAt", into: &values) }
        if let parent = task.parent {
            values["parent"] = ["parentID": parent, "parentPath": TaskPageRoute.path(parent)]
                .merging(related[parent].map { ["parentTitle": $0.title] } ?? [:]) { a, _ in a }
        }
        let forms = transitionForms
        values["transitions"] = forms
        values["hasTransitions"] = !forms.isEmpty
        values["mayTransition"] = may(.transition)
        values["mayComment"] = may(.comment)
        values["commentText"] = failure?.form == FormFailure.comment ? failure?.typed["text"] ?? "" : ""
        if failure?.form == FormFailure.comment, let problem = failure?.problems["text"] {
            values["commentProblem"] = problem
        }
        values["commentKey"] = UUID().uuidString
        values["mayTakeIt"] = mayTakeIt
        values["assignKey"] = UUID().uuidString
        if let failure {
            let what =
                switch failure.form {
                case FormFailure.comment: "add the comment"
                case FormFailure.assign: "assign it to you"
                case FormFailure.checklist: "tick the checklist"
                default: "fire “\(failure.form)”"
                }
            values["failureSummary"] = "Could not \(what): \(failure.summary)"
        }
        return values
    }

    /// Whether the reader is a person who may take the open task, held by someone else or no one.
    private var mayTakeIt: Bool {
        guard caller.user != nil, task.assignee != caller.name, task.closedAt == nil else { return false }
        var update = TaskUpdate(taskID: task.id)
        update.assignee = .some(caller.name)
        return (try? AccessPolicy.checkUpdate(caller, update, on: task)) != nil
    }

    private func may(_ action: TaskAction) -> Bool {
        (try? AccessPolicy.check(caller, action, on: task)) != nil
    }

    /// Every field the workflow defines, in its order (then any other the task holds), name → value.
    private var fieldRows: [[String: Any]] {
        let defined = definition.fields.map(\.name)
        let others = task.fields.keys.filter { !defined.contains($0) }.sorted()
        return (defined + others).map { name in
            let field = definition.field(named: name)
            let value = task.fields[name]
            var row: [String: Any] = [
                "name": name, "value": FieldInput.text(of: value), "isSet": value.map { $0 != .null } ?? false,
            ]
            if let title = field?.title { row["fieldTitle"] = title }
            return row
        }
    }

    /// The transitions the caller's role may fire from the task's state, each a form with an
    /// input for every field its `require:` names.
    private var transitionForms: [[String: Any]] {
        guard may(.transition) else { return [] }
        let role = CommandCaller(caller).workflowRole(onTaskOf: task.teams)
        return definition.transitions(from: task.state, role: role).map { transition in
            let failed = failure.flatMap { $0.form == transition.name ? $0 : nil }
            let formID = "transition-\(transition.name)"
            let inputs = transition.guards.require.compactMap { name -> [String: Any]? in
                // A file is attached with the upload form, not typed into the transition's.
                guard let field = definition.field(named: name), field.type != .attachment else { return nil }
                let input = FieldInput(
                    field: field, text: failed?.typed[name] ?? FieldInput.text(of: task.fields[name]),
                    problem: failed?.problems[name])
                return input.values(form: formID)
            }
            let target: String =
                switch transition.to {
                case .state(let state): definition.state(named: state)?.title ?? state
                case .choice: "a state its conditions choose"
                }
            var values: [String: Any] = [
                "transitionName": transition.name, "transitionLabel": transition.title ?? transition.name,
                "target": target, "formID": formID, "inputs": inputs, "hasInputs": !inputs.isEmpty,
                "formKey": UUID().uuidString, "failed": failed != nil,
            ]
            if let failed { values["formProblem"] = failed.summary }
            return values
        }
    }

    private var clockRows: [[String: Any]] {
        let slaCalendars = calendars.slaCalendars(workflowCalendar: definition.calendar)
        return task.clocks.map { clock in
            let calendar = slaCalendars.calendar(for: clock)
            let calendarName = slaCalendars.calendarName(for: clock)
            var row: [String: Any] = [
                "policy": clock.policy, "cycle": clock.cycle, "calendar": calendarName,
                "clockState": Self.stateText(clock), "isBreached": clock.isBreached,
            ]
            Self.time(clock.startedAt, "startedAt", into: &row)
            if let breachedAt = clock.breachedAt {
                Self.time(breachedAt, "breachedAt", into: &row)
            } else if let due = try? clock.dueAt(calendar: calendar) {
                Self.time(due, "dueAt", into: &row)
                if let business = calendars.businessCalendar(named: calendarName) {
                    row["dueLocal"] = NotificationSummary.wallClock(due, business)
                }
            }
            if let stoppedAt = clock.stoppedAt { Self.time(stoppedAt, "stoppedAt", into: &row) }
            if clock.state != .stopped, let remaining = clock.remainingSeconds(at: now, calendar: calendar) {
                let seconds = Int64(remaining.rounded(.down))
                row["timeLeft"] =
                    seconds >= 0
                    ? "\(WorkDuration(seconds: seconds).description) of working time left"
                    : "over by \(WorkDuration(seconds: -seconds).description) of working time"
            }
            return row
        }
    }

    /// The clock's state in words: colour is never the only sign.
    static func stateText(_ clock: SLAClock) -> String {
        switch (clock.isBreached, clock.state) {
        case (true, .stopped): "breached, stopped"
        case (true, _): "breached, \(clock.state.rawValue)"
        case (false, .stopped): "met"
        case (false, .paused): "paused"
        case (false, .running): "running"
        }
    }

    private var childRows: [[String: Any]] {
        children.map { id in
            var row: [String: Any] = ["childID": id, "childPath": TaskPageRoute.path(id)]
            if let child = related[id] {
                row["childTitle"] = child.title
                row["childState"] = child.state
            }
            return row
        }
    }

    /// Newest first.
    private var historyRows: [[String: Any]] {
        events.reversed().map { event in
            var row: [String: Any] = [
                "seq": event.seq, "type": event.type, "actor": event.actor ?? "the system",
                "lines": EventDescription(event: event).lines,
            ]
            Self.time(event.at, "at", into: &row)
            return row
        }
    }

    /// Oldest first, as a conversation reads.
    private var commentRows: [[String: Any]] {
        events.filter { $0.type == "commented" }.map { event in
            var row: [String: Any] = [
                "actor": event.actor ?? "the system", "text": event.data["text"]?.stringValue ?? "",
            ]
            Self.time(event.at, "at", into: &row)
            return row
        }
    }

    /// `key`: the instant in ISO 8601 UTC, for `<time datetime>` (the script shows it in the
    /// viewer's zone); `keyText`: the server's own text, `2026-03-02 09:30 UTC`.
    static func time(_ instant: Date, _ key: String, into values: inout [String: Any]) {
        let iso = RFC3339.format(instant)
        values[key] = iso
        values[key + "Text"] = String(iso.prefix(16)).replacingOccurrences(of: "T", with: " ") + " UTC"
    }
}
