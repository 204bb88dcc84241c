import Foundation
import Workflow

/// One task as the server describes it: the line `GET /v1/tasks/{id}` answers with, and each line
/// of a task list.
public struct TaskLine: Codable, Sendable, Hashable {
    /// The task's identifier, such as `CMP-42`.
    public var id: String
    /// The name of the workflow the task follows.
    public var workflow: String
    /// The workflow version the task started on.
    public var workflowVersion: Int
    /// The state the task is in.
    public var state: String
    /// A one-line summary.
    public var title: String
    /// The priority, such as `p1`.
    public var priority: String?
    /// The team that owns the task.
    public var team: String?
    /// Teams that keep access besides the owner (an SLA escalation moved the task away from them).
    public var watchingTeams: [String] = []
    /// The person working on the task.
    public var assignee: String?
    /// The workflow's custom fields.
    public var fields: [String: JSONValue]
    /// The identifier of the parent task, for a spawned task.
    public var parent: String?
    /// The identifiers of the task's children, oldest first. Only `GET /v1/tasks/{id}` sends
    /// them; `nil` in list lines.
    public var children: [String]?
    /// Increases with every change; send it back as `expected_version` to avoid lost updates.
    public var version: Int
    /// When the task was created.
    public var createdAt: Date
    /// When the task last changed.
    public var updatedAt: Date
    /// When the task reached a final state.
    public var closedAt: Date?
    /// The task's SLA clocks, when the workflow has any.
    public var sla: [SLAStatus]?
    /// The files attached to the task, oldest first (`nil` from a server without attachments).
    public var attachments: [AttachmentLine]?
    /// The checklist of the task's state, when it has one.
    public var checklist: ChecklistLine?
    /// Links to other tasks, both ways (only the single-task answer has them).
    public var links: [LinkLine]?

    /// Creates a task line.
    public init(
        id: String, workflow: String, workflowVersion: Int, state: String, title: String,
        priority: String? = nil, team: String? = nil, assignee: String? = nil,
        fields: [String: JSONValue] = [:], parent: String? = nil, children: [String]? = nil, version: Int,
        createdAt: Date, updatedAt: Date, closedAt: Date? = nil, sla: [SLAStatus]? = nil
    ) {
        self.id = id
        self.workflow = workflow
        self.workflowVersion = workflowVersion
        self.state = state
        self.title = title
        self.priority = priority
        self.team = team
        self.assignee = assignee
        self.fields = fields
        self.parent = parent
        self.children = children
        self.version = version
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.closedAt = closedAt
        self.sla = sla
    }

    enum CodingKeys: String, CodingKey {
        case id, workflow, state, title, priority, team, assignee, fields, parent, children, version, sla, attachments
        case checklist, links
        case workflowVersion = "workflow_version"
        case watchingTeams = "watching_teams"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case closedAt = "closed_at"
    }

    /// Decodes a task line; a missing `fields` object reads as empty.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        workflow = try container.decode(String.self, forKey: .workflow)
        workflowVersion = try container.decode(Int.self, forKey: .workflowVersion)
        state = try container.decode(String.self, forKey: .state)
        title = try container.decode(String.self, forKey: .title)
        priority = try container.decodeIfPresent(String.self, forKey: .priority)
        team = try container.decodeIfPresent(String.self, forKey: .team)
        watchingTeams = try container.decodeIfPresent([String].self, forKey: .watchingTeams) ?? []
        assignee = try container.decodeIfPresent(String.self, forKey: .assignee)
        fields = try container.decodeIfPresent([String: JSONValue].self, forKey: .fields) ?? [:]
        parent = try container.decodeIfPresent(String.self, forKey: .parent)
        children = try container.decodeIfPresent([String].self, forKey: .children)
        version = try container.decode(Int.self, forKey: .version)
        createdAt = try container.decodeTimestamp(forKey: .createdAt)
        updatedAt = try container.decodeTimestamp(forKey: .updatedAt)
        closedAt = try container.decodeTimestampIfPresent(forKey: .closedAt)
        sla = try container.decodeIfPresent([SLAStatus].self, forKey: .sla)
        attachments = try container.decodeIfPresent([AttachmentLine].self, forKey: .attachments)
        checklist = try container.decodeIfPresent(ChecklistLine.self, forKey: .checklist)
        links = try container.decodeIfPresent([LinkLine].self, forKey: .links)
    }

    /// Encodes the line as the server writes it, times as RFC 3339 text.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(workflow, forKey: .workflow)
        try container.encode(workflowVersion, forKey: .workflowVersion)
        try container.encode(state, forKey: .state)
        try container.encode(title, forKey: .title)
        try container.encodeIfPresent(priority, forKey: .priority)
        try container.encodeIfPresent(team, forKey: .team)
        if !watchingTeams.isEmpty { try container.encode(watchingTeams, forKey: .watchingTeams) }
        try container.encodeIfPresent(assignee, forKey: .assignee)
        try container.encode(fields, forKey: .fields)
        try container.encodeIfPresent(parent, forKey: .parent)
        try container.encodeIfPresent(children, forKey: .children)
        try container.encode(version, forKey: .version)
        try container.encodeTimestamp(createdAt, forKey: .createdAt)
        try container.encodeTimestamp(updatedAt, forKey: .updatedAt)
        try container.encodeTimestamp(closedAt, forKey: .closedAt)
        try container.encodeIfPresent(sla, forKey: .sla)
        try container.encodeIfPresent(attachments, forKey: .attachments)
        try container.encodeIfPresent(checklist, forKey: .checklist)
        try container.encodeIfPresent(links, forKey: .links)
    }
}
