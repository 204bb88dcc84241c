import Foundation
import OpslineStore
import Workflow

/// A task as one API line (see the API contract's "Task line").
struct TaskLine: Encodable, Sendable {
    let task: TaskRecord

    /// The line as a JSON value.
    var json: JSONValue { NDJSON.value(self) }

    private enum Keys: String, CodingKey {
        case id, workflow, workflowVersion = "workflow_version", state, title, priority, team, assignee, fields
        case parent, version, createdAt = "created_at", updatedAt = "updated_at", closedAt = "closed_at", sla
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(task.id, forKey: .id)
        try container.encode(task.workflow, forKey: .workflow)
        try container.encode(task.workflowVersion, forKey: .workflowVersion)
        try container.encode(task.state, forKey: .state)
        try container.encode(task.title, forKey: .title)
        // Absent values are written as null: every task line has every key.
        try container.encode(task.priority, forKey: .priority)
        try container.encode(task.team, forKey: .team)
        try container.encode(task.assignee, forKey: .assignee)
        try container.encode(task.fields, forKey: .fields)
        try container.encode(task.parent, forKey: .parent)
        try container.encode(task.version, forKey: .version)
        try container.encode(task.createdAt, forKey: .createdAt)
        try container.encode(task.updatedAt, forKey: .updatedAt)
        try container.encode(task.closedAt, forKey: .closedAt)
        try container.encode([JSONValue](), forKey: .sla)
    }
}

/// An event as one API line (see the API contract's "Event line").
struct EventLine: Encodable, Sendable {
    let event: EventRecord

    private enum Keys: String, CodingKey {
        case seq, at, task, type, actor, data
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(event.seq, forKey: .seq)
        try container.encode(event.at, forKey: .at)
        try container.encode(event.taskID, forKey: .task)
        try container.encode(event.type, forKey: .type)
        try container.encode(event.actor, forKey: .actor)
        try container.encode(event.data, forKey: .data)
    }
}
