import Postgres

extension ReportStore {
    /// Who holds what: per team and assignee, open tasks (at risk, breached, the oldest) and what
    /// was assigned to and closed by them within `query.window` up to now (the store's clock);
    /// then each team's unassigned queue. Team by team, people by name, the queue line last.
    public func workload(_ query: WorkloadQuery) async throws -> [WorkloadRow] {
        let rows = try await pool.withIdempotentStatements { connection in
            try await connection.query(
                WorkloadSQL.report,
                [query.scope.visibleTeams, query.team, clock.statementNow, query.atRiskBy, query.window]
            ).rows
        }
        return try rows.map(WorkloadRow.init(row:))
    }
}
