import Foundation

/// Which tasks a breakdown report counts, how it groups them and what it measures
/// (`GET /v1/reports/breakdown`): complaints by category and channel, satisfaction per agent,
/// campaign results per type, a risk register's likelihood × impact grid.
public struct BreakdownQuery: Sendable, Hashable {
    /// What a group is keyed by: a column every task has, or a field of the workflow.
    public enum Dimension: Sendable, Hashable {
        case team, assignee, state, priority
        case field(String)

        /// As the query and the lines name it.
        public var name: String {
            switch self {
            case .team: "team"
            case .assignee: "assignee"
            case .state: "state"
            case .priority: "priority"
            case .field(let name): name
            }
        }

        /// The column a dimension of that name stands for, if it is one.
        public static func column(_ name: String) -> Dimension? {
            [Dimension.team, .assignee, .state, .priority].first { $0.name == name }
        }
    }

    /// The workflow whose tasks are counted.
    public var workflow: String
    /// One to three dimensions, in order.
    public var by: [Dimension]
    /// Number fields averaged, summed and ranged per group.
    public var measures: [String] = []
    /// Only tasks created at or after this instant.
    public var from: Date?
    /// Only tasks created before this instant.
    public var to: Date?
    /// Only tasks of this team.
    public var team: String?
    /// Only tasks this scope sees (the caller's visibility).
    public let scope: TeamScope

    /// The report of `workflow`'s tasks that `scope` sees, grouped `by`.
    public init(workflow: String, by: [Dimension], scope: TeamScope) {
        self.workflow = workflow
        self.by = by
        self.scope = scope
    }
}
