import Foundation

/// Which running clocks `ReportStore.atRisk(_:)` lists: those not yet breached whose deadline
/// falls before ``horizon``.
public struct AtRiskFilter: Sendable, Hashable {
    /// Only clocks due at or before this instant (now plus the window).
    public var horizon: Date
    /// Only clocks of this team's tasks.
    public var team: String?
    /// Only clocks of this workflow's tasks.
    public var workflow: String?
    /// Only clocks of this policy.
    public var policy: String?
    /// Only clocks of tasks this scope sees (the caller's visibility).
    public let scope: TeamScope
    /// Stop after this many clocks.
    public var limit: Int?

    /// Clocks due by `horizon` of the tasks `scope` sees, soonest first.
    public init(horizon: Date, scope: TeamScope) {
        self.horizon = horizon
        self.scope = scope
    }
}
