/// Which tasks `GET /v1/tasks` lists; unset criteria do not filter.
public struct TaskFilter: Sendable, Hashable {
    /// One `field.<name>=<value>` condition: the task's field holds the value.
    public struct FieldCondition: Sendable, Hashable {
        /// The field's name.
        public var name: String
        /// The value, as text; the server reads it as the field's type says.
        public var value: String

        /// Creates a condition.
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// Only tasks of this workflow.
    public var workflow: String?
    /// Only tasks in this state.
    public var state: String?
    /// Only tasks of this team.
    public var team: String?
    /// Only tasks assigned to this person; `me` is the caller.
    public var assignee: String?
    /// Only tasks of this priority.
    public var priority: String?
    /// At most this many tasks.
    public var limit: Int?
    /// Only tasks after this task identifier, to resume a listing.
    public var after: String?
    /// Only children of this task.
    public var parent: String?
    /// `true`: only open tasks; `false`: only closed ones.
    public var open: Bool?
    /// `true`: only tasks with a breached SLA clock; `false`: only tasks without one.
    public var breached: Bool?
    /// `true`: only tasks nobody is assigned to; `false`: only assigned ones.
    public var unassigned: Bool?
    /// Only tasks with a running SLA clock due within this duration (`2h`, `1d`).
    public var atRisk: String?
    /// Only tasks whose fields hold these values.
    public var fields: [FieldCondition] = []
    /// Only tasks whose title or text fields hold every word of this text.
    public var search: String?
    /// The order: `due`, `priority`, `updated` or `created` (default: oldest first).
    public var sort: String?
    /// Ask for the number of matching tasks (`X-Total-Count`), whatever ``limit`` says.
    public var count = false

    /// Creates a filter.
    public init(
        workflow: String? = nil, state: String? = nil, team: String? = nil,
        assignee: String? = nil, priority: String? = nil, limit: Int? = nil, after: String? = nil
    ) {
        self.workflow = workflow
        self.state = state
        self.team = team
        self.assignee = assignee
        self.priority = priority
        self.limit = limit
        self.after = after
    }

    /// Whether the filter selects anything: any criterion set (not the order, limit or cursor).
    public var hasCriteria: Bool {
        [workflow, state, team, assignee, priority, parent, atRisk, search].contains { $0 != nil }
            || [open, breached, unassigned].contains { $0 != nil } || !fields.isEmpty
    }

    /// The query parameters, in the API's order, for the criteria that are set.
    var queryItems: [(name: String, value: String)] {
        func flag(_ value: Bool?) -> String? { value.map { $0 ? "true" : "false" } }
        let items: [(String, String?)] = [
            ("workflow", workflow), ("state", state), ("team", team), ("assignee", assignee),
            ("priority", priority), ("parent", parent), ("open", flag(open)), ("breached", flag(breached)),
            ("unassigned", flag(unassigned)), ("at_risk", atRisk), ("q", search), ("sort", sort),
            ("count", count ? "true" : nil), ("limit", limit.map(String.init)), ("after", after),
        ]
        let fieldItems = fields.map { (name: "field.\($0.name)", value: $0.value) }
        return items.compactMap { name, value in value.map { (name: name, value: $0) } } + fieldItems
    }
}
