import Foundation

/// Filters for listing tasks; nil means "any". Every filter set must hold (AND).
public struct TaskFilter: Sendable, Hashable {
    /// Only this workflow.
    public var workflow: String?
    /// Only tasks in this state.
    public var state: String?
    /// Only this team's tasks.
    public var team: String?
    /// Only tasks assigned to this person.
    public var assignee: String?
    /// Only tasks with this priority.
    public var priority: String?
    /// Only children of this task.
    public var parent: String?
    /// true: only tasks not in a final state; false: only closed ones.
    public var open: Bool?
    /// Only tasks with (true) or without (false) a breached SLA clock.
    public var breached: Bool?
    /// true: only tasks nobody is assigned to; false: only assigned ones.
    public var unassigned: Bool?
    /// Only tasks with a running SLA clock, not yet breached, whose deadline falls at or before
    /// this instant: the clocks `ReportStore.atRisk(_:)` lists with the same horizon.
    public var atRiskBy: Date?
    /// Only tasks whose fields match every one of these.
    public var fields: [FieldMatch] = []
    /// Only tasks whose title or string-valued fields hold every word of this text, each as a
    /// word or the start of one (full-text, `simple` configuration: case does not matter).
    public var search: String?
    /// The order, and what `after` resumes after.
    public var sort: TaskSort = .oldestFirst
    /// Only tasks this scope sees (the caller's visibility).
    public let scope: TeamScope
    /// Resume after this task id (exclusive): after that task's place in ``sort``'s order.
    public var after: String?
    /// Stop after this many tasks.
    public var limit: Int?

    /// No filter but the scope: every task `scope` sees, oldest first.
    public init(scope: TeamScope) {
        self.scope = scope
    }
}
