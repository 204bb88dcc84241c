import Foundation

/// Which breached clocks `ReportStore.breaches(_:)` lists; nil means "any".
public struct BreachFilter: Sendable, Hashable {
    /// Only breaches charged to this team: it held the task when the clock breached.
    public var team: String?
    /// Only clocks of this workflow's tasks.
    public var workflow: String?
    /// Only clocks of this policy.
    public var policy: String?
    /// Only clocks that breached at or after this instant.
    public var since: Date?
    /// true: only clocks that have not stopped (the breach is still open); false: only stopped ones.
    public var open: Bool?
    /// Only clocks of tasks this scope sees (the caller's visibility).
    public let scope: TeamScope
    /// Stop after this many clocks.
    public var limit: Int?

    /// No filter but the scope: every breached clock of the tasks `scope` sees, newest breach first.
    public init(scope: TeamScope) {
        self.scope = scope
    }
}
