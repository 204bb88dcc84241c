import Postgres

/// One group of an SLA compliance report: how many clocks kept their promise.
public struct SLAComplianceRow: Sendable, Hashable {
    /// The group's team, when the report groups by team (`nil` also for tasks without a team): the
    /// team its clocks are charged to.
    public let team: String?
    /// The group's workflow, when the report groups by workflow.
    public let workflow: String?
    /// The group's policy, when the report groups by policy.
    public let policy: String?
    /// The group's cycle, when the report groups by cycle.
    public let cycle: Int?
    /// Every clock of the group.
    public let total: Int
    /// Clocks that stopped before their target.
    public let met: Int
    /// Clocks that breached, stopped since or not.
    public let breached: Int
    /// Clocks neither met nor breached yet (running or paused).
    public let running: Int
    /// `met / (met + breached)`, to four decimals; `nil` while neither happened.
    public let compliance: Double?
    /// The median working time stopped clocks used, in seconds; `nil` when none stopped.
    public let p50Seconds: Double?
    /// The 90th percentile of the working time stopped clocks used, in seconds.
    public let p90Seconds: Double?

    init(row: PostgresRow) throws {
        team = try row.decode("team")
        workflow = try row.decode("workflow")
        policy = try row.decode("policy")
        cycle = try row.decode("cycle")
        total = try row.decode("total")
        met = try row.decode("met")
        breached = try row.decode("breached")
        running = try row.decode("running")
        compliance = try row.decode("compliance")
        p50Seconds = try row.decode("p50_s")
        p90Seconds = try row.decode("p90_s")
    }
}
