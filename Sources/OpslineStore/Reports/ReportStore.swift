import Foundation
import Postgres

/// Managers' views, read-only: breached clocks, clocks about to breach, SLA compliance by group,
/// and time spent per state. Lists stream page by page over their indexes; reports aggregate in
/// PostgreSQL and return one row per group.
public struct ReportStore: Sendable {
    let pool: PostgresPool
    /// The workflows, for their final states.
    let catalog: WorkflowCatalog
    /// The time reports count up to.
    public let clock: OpslineClock

    /// Rows fetched per round trip when streaming lists.
    static let pageSize = 200

    /// Creates a store over `pool`.
    public init(pool: PostgresPool, catalog: WorkflowCatalog, clock: OpslineClock = .system) {
        self.pool = pool
        self.catalog = catalog
        self.clock = clock
    }

    /// Breached clocks matching `filter`, every cycle, newest breach first (ties by task id,
    /// policy and cycle, descending), fetched page by page as the consumer reads.
    public func breaches(_ filter: BreachFilter) -> KeysetSequence<TaskClockRecord, ClockCursor> {
        KeysetSequence(pageSize: Self.pageSize, limit: filter.limit) { [pool] remaining, after in
            let rows = try await pool.withIdempotentStatements { connection in
                try await connection.query(
                    SLAReportSQL.breachesPage,
                    [
                        after?.at, after?.taskID, after?.policy, filter.team, filter.workflow, filter.policy,
                        filter.since, filter.open, filter.scope.visibleTeams, min(remaining, Self.pageSize),
                        after?.cycle,
                    ]
                ).rows
            }
            return try rows.map { (try TaskClockRecord(row: $0), try ClockCursor(row: $0)) }
        }
    }

    /// Running clocks, not yet breached, due by `filter.horizon`, soonest first (ties by task id
    /// and policy), fetched page by page as the consumer reads.
    public func atRisk(_ filter: AtRiskFilter) -> KeysetSequence<TaskClockRecord, ClockCursor> {
        KeysetSequence(pageSize: Self.pageSize, limit: filter.limit) { [pool] remaining, after in
            let rows = try await pool.withIdempotentStatements { connection in
                try await connection.query(
                    SLAReportSQL.atRiskPage,
                    [
                        filter.horizon, after?.at, after?.taskID, after?.policy, filter.team, filter.workflow,
                        filter.policy, filter.scope.visibleTeams, min(remaining, Self.pageSize), after?.cycle,
                    ]
                ).rows
            }
            return try rows.map { (try TaskClockRecord(row: $0), try ClockCursor(row: $0)) }
        }
    }

    /// SLA compliance per group: counts of met, breached and running clocks (each cycle a clock),
    /// and percentiles of the working time stopped clocks used; groups sorted by the dimensions
    /// in `query.by` order. A clock counts for the team it is charged to (``SLAClock/chargedTeam(current:)``).
    public func slaCompliance(_ query: SLAReportQuery) async throws -> [SLAComplianceRow] {
        let order = (0..<4).map { query.by.indices.contains($0) ? query.by[$0].rawValue : nil }
        let rows = try await pool.withIdempotentStatements { connection in
            try await connection.query(
                SLAReportSQL.compliance,
                [
                    query.by.contains(.team), query.by.contains(.workflow), query.by.contains(.policy), query.from,
                    query.to, query.team, query.workflow, query.scope.visibleTeams, order[0], order[1], order[2],
                    query.by.contains(.cycle), order[3],
                ]
            ).rows
        }
        return try rows.map(SLAComplianceRow.init(row:))
    }

    /// Time spent per state of a workflow's tasks, the state with the most time first.
    public func flow(_ query: FlowReportQuery) async throws -> [FlowStateRow] {
        let finalStates = try await catalog.finalStates(query.workflow)
        let everyTeam = query.team == nil && query.scope.visibleTeams == nil
        let rows = try await pool.withIdempotentStatements { connection in
            // The cursor as a value of its own: the statement splits the work at it whatever the
            // projection commits meanwhile, and is planned for a short tail after it.
            let projected = try await FlowProjection.through(on: connection)
            return try await connection.query(
                everyTeam ? FlowReportSQL.timeInStatesOfEveryTeam : FlowReportSQL.timeInStatesOfTeams,
                [
                    query.workflow, query.from, query.to, query.team, query.scope.visibleTeams, clock.statementNow,
                    finalStates.sorted(), projected,
                ]
            ).rows
        }
        return try rows.map(FlowStateRow.init(row:))
    }
}
