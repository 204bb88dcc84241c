import Foundation
import Postgres
import Workflow

/// A task as stored: one row of `tasks`.
public struct TaskRecord: Sendable, Hashable {
    /// `KEY-N`, e.g. `CMP-42`.
    public let id: String
    /// The workflow's name.
    public let workflow: String
    /// The workflow version the task started with and stays on.
    public let workflowVersion: Int
    /// The current state.
    public private(set) var state: String
    /// A one-line summary.
    public let title: String
    /// Free-form priority such as `p1`.
    public private(set) var priority: String?
    /// The owning team.
    public let team: String?
    /// Teams that keep access to the task besides its owner: the teams SLA escalations moved it
    /// away from, by the order it left them.
    public let watchingTeams: [String]
    /// Who works on it.
    public let assignee: String?
    /// Every team whose members may work on the task: the owner first, then the watching teams.
    public var teams: [String] { (team.map { [$0] } ?? []) + watchingTeams.filter { $0 != team } }

    /// The workflow fields.
    public private(set) var fields: [String: JSONValue]
    /// The parent task's id, for child tasks.
    public let parent: String?
    /// Incremented by every change; the value to send as `expected_version`.
    public private(set) var version: Int
    /// When the task was created.
    public let createdAt: Date
    /// When it last changed.
    public private(set) var updatedAt: Date
    /// When it entered a final state, if it has.
    public private(set) var closedAt: Date?
    /// Its SLA clocks, one per policy that has started, by policy name order.
    public internal(set) var clocks: [SLAClock]
    /// The files attached to it, oldest first.
    public internal(set) var attachments: [AttachmentRecord]
    /// The checklist items ticked, by state, then by item.
    public internal(set) var checks: [String: [String: CheckMark]]

    /// The column list every task query selects, in the order `init(row:)` reads.
    static let columns = """
        id, workflow, workflow_version, state, title, priority, team, watching_teams, assignee, fields::text AS fields,
        parent, version, created_at, updated_at, closed_at, checks::text AS checks, \(SLASQL.clocksColumn),
        \(AttachmentSQL.column)
        """

    init(row: PostgresRow) throws {
        id = try row.decode("id")
        workflow = try row.decode("workflow")
        workflowVersion = try row.decode("workflow_version")
        state = try row.decode("state")
        title = try row.decode("title")
        priority = try row.decode("priority")
        team = try row.decode("team")
        watchingTeams = try row.decode("watching_teams")
        assignee = try row.decode("assignee")
        fields = try JSONText.decodeObject(try row.decode("fields"))
        parent = try row.decode("parent")
        version = try row.decode("version")
        createdAt = try row.decode("created_at")
        updatedAt = try row.decode("updated_at")
        closedAt = try row.decode("closed_at")
        clocks = try Self.clocks(try row.decode("sla"), of: id)
        attachments = try Self.attachments(try row.decode("attachments"), of: id)
        checks = try Self.checks(try row.decode("checks"), of: id)
    }

    /// The row as `TaskSQL.applyTransitions` leaves it, stamped `now` (the transaction's `now()`).
    func moved(
        to state: String, fields: [String: JSONValue], priority: String?, closing: Bool, at now: Date
    ) -> TaskRecord {
        var moved = self
        moved.state = state
        moved.fields = fields
        moved.priority = priority
        moved.version += 1
        moved.updatedAt = now
        moved.closedAt = closing ? now : nil
        return moved
    }

    private static func checks(_ text: String, of id: String) throws -> [String: [String: CheckMark]] {
        guard case .object(let states) = try JSONText.decodeValue(text) else {
            throw StoreError.corruptRow("tasks.checks of \(id)")
        }
        return try states.mapValues { items in
            guard case .object(let items) = items else { throw StoreError.corruptRow("tasks.checks of \(id)") }
            return try items.mapValues { mark in
                guard let mark = CheckMark(json: mark) else { throw StoreError.corruptRow("tasks.checks of \(id)") }
                return mark
            }
        }
    }

    /// The ticks as stored in `checks`.
    static func checksJSON(_ checks: [String: [String: CheckMark]]) -> JSONValue {
        .object(checks.mapValues { .object($0.mapValues(\.json)) })
    }

    private static func attachments(_ text: String, of id: String) throws -> [AttachmentRecord] {
        guard case .array(let stored) = try JSONText.decodeValue(text) else {
            throw StoreError.corruptRow("tasks.attachments of \(id)")
        }
        return try stored.map { try AttachmentRecord(json: $0, of: id) }
    }

    private static func clocks(_ text: String, of id: String) throws -> [SLAClock] {
        guard case .array(let stored) = try JSONText.decodeValue(text) else {
            throw StoreError.corruptRow("tasks.sla of \(id)")
        }
        return try stored.map { item in
            guard case .object(let object) = item else { throw StoreError.corruptRow("tasks.sla of \(id)") }
            return try SLAClock(stored: object)
        }
    }
}
