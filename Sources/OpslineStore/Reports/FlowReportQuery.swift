import Foundation

/// Which tasks and stretches a flow report covers.
public struct FlowReportQuery: Sendable, Hashable {
    /// The workflow whose states are reported.
    public var workflow: String
    /// Only stretches entered at or after this instant.
    public var from: Date?
    /// Only stretches entered before this instant.
    public var to: Date?
    /// Only tasks of this team.
    public var team: String?
    /// Only tasks this scope sees (the caller's visibility).
    public let scope: TeamScope

    /// The report of every task of `workflow` that `scope` sees.
    public init(workflow: String, scope: TeamScope) {
        self.workflow = workflow
        self.scope = scope
    }
}
