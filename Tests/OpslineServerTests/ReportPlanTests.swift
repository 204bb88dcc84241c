import Foundation
import Postgres
import TestSupport
import Testing

@testable import OpslineStore

/// The dashboard's heaviest statements keep the shapes that make them fast at 100,000 tasks
/// (Benchmarks/dashboard.sh): a join the planner can start from the few rows that matter, rather
/// than a test of every task or a lookup once per row. Each plan is read with sequential scans
/// off, as the planner sees a large database (a test's tables are tiny), and only its shape is
/// asserted: which side a join starts from depends on statistics a test database does not have.
@Suite struct ReportPlanTests {
    /// Whether a scan of `plan` filters its rows with a subquery run for each of them.
    private func filtersBySubplan(_ plan: String) -> Bool {
        plan.split(separator: "\n").contains { $0.contains("Filter:") && $0.contains("SubPlan") }
    }

    /// The plan PostgreSQL makes for `sql` with `parameters`.
    private func plan(_ server: TestServer, _ sql: String, _ parameters: [any PostgresBindable]) async throws -> String
    {
        try await server.pool.withConnection { connection in
            try await connection.execute("SET enable_seqscan = off")
            return try await connection.query("EXPLAIN " + sql, parameters).rows
                .compactMap { $0.values.first ?? nil }.joined(separator: "\n")
        }
    }

    /// `breached=true` (the queue page's "breached" filter, and its count) is a join with the
    /// breached clocks, which a large database starts from (`sla_clocks_breached`), reading only
    /// their tasks; it used to test every task of the list against the clocks (a subplan in the
    /// filter), and the planner's price for that made it compile the statement (JIT).
    @Test func theBreachedFilterStartsFromTheBreachedClocks() async throws {
        let server = try await TestServer.make()
        var filter = TaskFilter(scope: .allTeams)
        filter.workflow = "complaint-escalation"
        filter.breached = true
        let parameters = server.database.tasks.filterParameters(filter)
        let plans = [
            try await plan(server, TaskListSQL.count(filter), parameters),
            try await plan(server, TaskListSQL.page(filter), parameters + [50, nil as Int64?]),
        ]
        await server.pool.close()
        for plan in plans {
            #expect(plan.contains("Join"), "\(plan)")
            #expect(!filtersBySubplan(plan), "\(plan)")
        }
    }

    /// `at_risk=` is a join with the clocks falling due (`sla_clocks_due`) the same way.
    @Test func theAtRiskFilterStartsFromTheClocksFallingDue() async throws {
        let server = try await TestServer.make()
        var filter = TaskFilter(scope: .teams(["team-3"]))
        filter.atRiskBy = Date().addingTimeInterval(3_600)
        let plan = try await plan(server, TaskListSQL.count(filter), server.database.tasks.filterParameters(filter))
        await server.pool.close()
        #expect(plan.contains("sla_clocks_due"), "\(plan)")
        #expect(!filtersBySubplan(plan), "\(plan)")
    }

    /// The workload report reads the assignments of its window from their index
    /// (`events_assignments`), each naming its person (a `created` event names the assignee the
    /// task was created with, migration 0019), not by looking up each created task's later
    /// events: that lookup was half the admin's workload page at 100,000 tasks, and as a `LIMIT 1`
    /// per event the planner priced it high enough to compile the statement (JIT). Its breached
    /// clocks are a join with their later cycles, not a subquery run per clock.
    @Test func theWorkloadReportReadsItsWindowsAssignmentsFromTheirIndex() async throws {
        let parameters: [any PostgresBindable] = [
            nil as [String]?, nil as String?, nil as Date?, Date().addingTimeInterval(86_400), 7 * 86_400.0,
        ]
        let server = try await TestServer.make()
        let plan = try await plan(server, WorkloadSQL.report, parameters)
        await server.pool.close()
        #expect(plan.contains("events_assignments"), "\(plan)")
        #expect(!plan.contains("Limit"), "\(plan)")
        #expect(!filtersBySubplan(plan), "\(plan)")
    }
}
