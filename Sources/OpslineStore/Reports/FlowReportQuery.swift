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
    /// Only tasks of these teams (the caller's visibility); nil means every team.
    public var visibleTeams: [String]?

    /// The report of every task of `workflow`.
    public init(workflow: String) {
        self.workflow = workflow
    }
}
