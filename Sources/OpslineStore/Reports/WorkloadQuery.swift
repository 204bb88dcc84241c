import Foundation

/// Which teams a workload report covers, and what counts as at risk and as recent.
public struct WorkloadQuery: Sendable, Hashable {
    /// The instant a clock due at or before it counts as at risk.
    public var atRiskBy: Date
    /// How far back "recent" (assigned, closed) reaches from now: 7 days.
    public var window: TimeInterval = 7 * 86_400
    /// Only this team's tasks.
    public var team: String?
    /// Only tasks this scope sees (the caller's visibility); a non-admin's teams each get a queue
    /// line, even an empty one.
    public let scope: TeamScope

    /// The workload of every team `scope` sees.
    public init(atRiskBy: Date, scope: TeamScope) {
        self.atRiskBy = atRiskBy
        self.scope = scope
    }
}
