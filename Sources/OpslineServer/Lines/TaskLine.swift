import Foundation
import OpslineStore
import Workflow

/// A task as one API line (see docs/api.md, "The lines themselves").
struct TaskLine: Encodable, Sendable {
    let task: TaskRecord
    /// The calendars the task's clocks count in, for their deadlines and time left.
    let calendars: SLACalendars
    /// The checklist of the task's state, if it has one.
    let checklist: [ChecklistItem]
    /// The moment the line describes (time left is counted up to it).
    let now: Date
    /// The ids of the task's children, oldest first; only the single-task line carries them
    /// (`nil` leaves the key out, as lists do).
    var children: [String]?
    /// The task's links both ways; only the single-task line carries them.
    var links: [TaskLink]?

    /// The line of `task`, whose workflow's calendars the catalog knows.
    /// - Parameters:
    ///   - task: The task.
    ///   - catalog: The workflows, for the calendars the task's clocks count in.
    ///   - now: The moment the line describes (`OpslineClock.now`).
    ///   - children: The ids of the task's children for the single-task line; `nil` in lists.
    init(task: TaskRecord, catalog: WorkflowCatalog, now: Date, children: [String]? = nil) {
        self.task = task
        self.now = now
        self.calendars = catalog.slaCalendars(forWorkflow: task.workflow, version: task.workflowVersion)
        self.checklist =
            catalog.loadedDefinition(task.workflow, version: task.workflowVersion)?.state(named: task.state)?
            .checklist ?? []
        self.children = children
    }

    /// The line as a JSON value, built directly: it is rendered for every command a batch applies.
    /// Absent values are written as null: every task line has every key (`children` excepted,
    /// which only `GET /v1/tasks/{id}` adds).
    var json: JSONValue {
        func optional(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
        var line: [String: JSONValue] = [
            "id": .string(task.id),
            "workflow": .string(task.workflow),
            "workflow_version": .int(Int64(task.workflowVersion)),
            "state": .string(task.state),
            "title": .string(task.title),
            "priority": optional(task.priority),
            "team": optional(task.team),
            "watching_teams": .array(task.watchingTeams.map(JSONValue.string)),
            "assignee": optional(task.assignee),
            "fields": .object(task.fields),
            "parent": optional(task.parent),
            "version": .int(Int64(task.version)),
            "created_at": .string(RFC3339.format(task.createdAt)),
            "updated_at": .string(RFC3339.format(task.updatedAt)),
            "closed_at": optional(task.closedAt.map(RFC3339.format)),
            "sla": .array(task.clocks.map { $0.line(calendars: calendars, now: now) }),
            "attachments": .array(task.attachments.map(\.json)),
            "checklist": checklistJSON,
        ]
        if let children { line["children"] = .array(children.map(JSONValue.string)) }
        if let links { line["links"] = .array(links.map(\.json)) }
        return .object(line)
    }

    /// `{"state", "done", "total", "items": [{"item", "title", "done", "by", "at"}]}` for the
    /// checklist of the task's state; null when the state has none.
    private var checklistJSON: JSONValue {
        guard !checklist.isEmpty else { return .null }
        let marks = task.checks[task.state] ?? [:]
        let items: [JSONValue] = checklist.map { item in
            var line: [String: JSONValue] = [
                "item": .string(item.name), "title": item.title.map(JSONValue.string) ?? .null,
                "done": .bool(marks[item.name] != nil),
            ]
            if let mark = marks[item.name] {
                line["by"] = .string(mark.by)
                line["at"] = .string(RFC3339.format(mark.at))
            }
            return .object(line)
        }
        let done = checklist.filter { marks[$0.name] != nil }.count
        return [
            "state": .string(task.state), "done": .int(Int64(done)), "total": .int(Int64(checklist.count)),
            "items": .array(items),
        ]
    }

    func encode(to encoder: any Encoder) throws {
        try json.encode(to: encoder)
    }
}

/// An event as one API line (see docs/api.md, "The event stream").
struct EventLine: Encodable, Sendable {
    let event: EventRecord

    /// The line as a JSON value, built directly: a follower writes one for every event
    /// committed, and `JSONEncoder` cost more than the rest of the stream together.
    var json: JSONValue {
        .object([
            "seq": .int(event.seq),
            "at": .string(RFC3339.format(event.at)),
            "task": .string(event.taskID),
            "type": .string(event.type),
            "actor": event.actor.map(JSONValue.string) ?? .null,
            "data": .object(event.data),
        ])
    }

    /// Writes ``json`` as compact JSON, keys sorted as ``JSONValue/write(to:)`` sorts them,
    /// without building the line's dictionary first (a follower writes thousands a second).
    func write(to bytes: inout [UInt8]) {
        bytes.append(contentsOf: #"{"actor":"#.utf8)
        (event.actor.map(JSONValue.string) ?? .null).write(to: &bytes)
        bytes.append(contentsOf: #","at":"#.utf8)
        JSONValue.string(RFC3339.format(event.at)).write(to: &bytes)
        bytes.append(contentsOf: #","data":"#.utf8)
        JSONValue.object(event.data).write(to: &bytes)
        bytes.append(contentsOf: #","seq":"#.utf8)
        JSONValue.int(event.seq).write(to: &bytes)
        bytes.append(contentsOf: #","task":"#.utf8)
        JSONValue.string(event.taskID).write(to: &bytes)
        bytes.append(contentsOf: #","type":"#.utf8)
        JSONValue.string(event.type).write(to: &bytes)
        bytes.append(UInt8(ascii: "}"))
    }

    func encode(to encoder: any Encoder) throws {
        try json.encode(to: encoder)
    }
}
