import Foundation

/// What an SLA compliance report groups by.
public enum SLAReportDimension: String, Sendable, Hashable, CaseIterable {
    /// The team that owns the task now.
    case team
    /// The task's workflow.
    case workflow
    /// The clock's policy.
    case policy
}

/// Which clocks an SLA compliance report counts, and how it groups them.
public struct SLAReportQuery: Sendable, Hashable {
    /// The dimensions to group by, in the order the report sorts them; none: one line overall.
    public var by: [SLAReportDimension]
    /// Only clocks started at or after this instant.
    public var from: Date?
    /// Only clocks started before this instant.
    public var to: Date?
    /// Only clocks of this team's tasks.
    public var team: String?
    /// Only clocks of this workflow's tasks.
    public var workflow: String?
    /// Only clocks of tasks this scope sees (the caller's visibility).
    public let scope: TeamScope

    /// A report grouped by `by`, over every clock of the tasks `scope` sees.
    public init(by: [SLAReportDimension], scope: TeamScope) {
        self.by = by
        self.scope = scope
    }
}
