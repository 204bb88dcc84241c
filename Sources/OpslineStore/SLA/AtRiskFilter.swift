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
    /// Only clocks of tasks of these teams (the caller's visibility); nil means every team.
    public var visibleTeams: [String]?
    /// Stop after this many clocks.
    public var limit: Int?

    /// Clocks due by `horizon`, soonest first.
    public init(horizon: Date) {
        self.horizon = horizon
    }
}
