import Foundation

/// What an SLA compliance report groups by.
public enum SLAReportDimension: String, Sendable, Hashable, CaseIterable {
    /// The team the clock is charged to: the one that held the task when it breached (for a met
    /// clock, when it stopped; for a running one, the task's team now).
    case team
    /// The task's workflow.
    case workflow
    /// The clock's policy.
    case policy
    /// The clock's cycle: 1 for a policy's first clock on a task, 2 for the one a restart began…
    case cycle
}

/// Which clocks an SLA compliance report counts, and how it groups them.
public struct SLAReportQuery: Sendable, Hashable {
    /// The dimensions to group by, in the order the report sorts them; none: one line overall.
    public var by: [SLAReportDimension]
    /// Only clocks started at or after this instant.
    public var from: Date?
    /// Only clocks started before this instant.
    public var to: Date?
    /// Only clocks charged to this team (``SLAReportDimension/team``).
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
