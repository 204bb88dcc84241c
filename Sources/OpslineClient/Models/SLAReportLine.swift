/// One group of the SLA compliance report (`GET /v1/reports/sla`).
public struct SLAReportLine: Decodable, Sendable, Hashable {
    /// The group's team, when the report groups by team: the team its clocks are charged to.
    public var team: String?
    /// The group's workflow, when the report groups by workflow.
    public var workflow: String?
    /// The group's policy, when the report groups by policy.
    public var policy: String?
    /// The group's cycle, when the report groups by cycle.
    public var cycle: Int?
    /// Every clock of the group.
    public var total: Int
    /// Clocks that stopped before their target.
    public var met: Int
    /// Clocks that breached.
    public var breached: Int
    /// Clocks neither met nor breached yet.
    public var running: Int
    /// `met / (met + breached)`; `nil` while neither happened.
    public var compliance: Double?
    /// The median working time stopped clocks used, in seconds.
    public var p50Seconds: Int?
    /// The 90th percentile of the working time stopped clocks used, in seconds.
    public var p90Seconds: Int?

    enum CodingKeys: String, CodingKey {
        case team, workflow, policy, cycle, total, met, breached, running, compliance
        case p50Seconds = "p50_s"
        case p90Seconds = "p90_s"
    }

    /// The value of a grouping dimension (`team`, `workflow`, `policy` or `cycle`), as text.
    public func value(of dimension: String) -> String? {
        switch dimension {
        case "team": team
        case "workflow": workflow
        case "policy": policy
        case "cycle": cycle.map(String.init)
        default: nil
        }
    }
}
