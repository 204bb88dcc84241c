import Foundation
import OpslineStore
import Postgres
import Testing
import TestSupport
import Workflow

/// The breach and at-risk lists page by keyset over many clocks sharing the same instant: each
/// clock comes exactly once, in order, across page boundaries.
@Suite struct ReportStoreTests {
    /// 450 tasks (`T-0001`…, every third in `billing`) with two breached clocks each, breach
    /// times shared by a seventh of them (every fifth task's clocks have stopped); and 300 tasks
    /// (`R-0001`…) with a running clock due in 1 to 4 minutes, and a paused one.
    static let seed = """
        INSERT INTO tasks (id, workflow, workflow_version, state, title, team)
        SELECT 'T-' || lpad(n::text, 4, '0'), 'complaint-escalation', 1, 'received', 'breached ' || n,
               CASE WHEN n % 3 = 0 THEN 'billing' ELSE 'support' END
        FROM generate_series(1, 450) n;
        INSERT INTO sla_clocks (task_id, policy, state, started_at, target_s, worked_s, breached_at, stopped_at)
        SELECT 'T-' || lpad(n::text, 4, '0'), p, CASE WHEN n % 5 = 0 THEN 'stopped' ELSE 'running' END,
               '2026-11-20 08:00:00+00', 60, 60, '2026-11-20 09:00:00.123456+00'::timestamptz - (n % 7) * interval '1 s',
               CASE WHEN n % 5 = 0 THEN '2026-11-20 10:00:00+00'::timestamptz END
        FROM generate_series(1, 450) n, unnest(ARRAY['first_response', 'resolution']) p;
        INSERT INTO tasks (id, workflow, workflow_version, state, title, team)
        SELECT 'R-' || lpad(n::text, 4, '0'), 'complaint-escalation', 1, 'received', 'running ' || n, 'support'
        FROM generate_series(1, 300) n;
        INSERT INTO sla_clocks (task_id, policy, state, started_at, target_s, worked_s, running_since, due_at)
        SELECT 'R-' || lpad(n::text, 4, '0'), 'resolution', 'running', now(), 3600, 0, now(),
               date_trunc('second', now()) + (n % 4 + 1) * interval '1 minute' + interval '0.000001 s'
        FROM generate_series(1, 300) n;
        INSERT INTO sla_clocks (task_id, policy, state, started_at, target_s, worked_s)
        SELECT 'R-' || lpad(n::text, 4, '0'), 'first_response', 'paused', now(), 60, 10
        FROM generate_series(1, 300) n;
        ANALYZE tasks;
        ANALYZE sla_clocks;
        """

    func seeded() async throws -> OpslineDatabase {
        let pool = PostgresPool(conninfo: try await TestCluster.shared.makeDatabase(), maximumConnections: 4)
        let database = try OpslineDatabase(pool: pool)
        try await database.prepare()
        try await database.workflows.publish(source: WorkflowCatalogTests.source, file: "complaint-escalation.yaml")
        try await pool.withConnection { try await $0.execute(Self.seed) }
        return database
    }

    @Test func breachesPageThroughTiesNewestFirstWithoutSkippingOrRepeating() async throws {
        let database = try await seeded()
        var listed: [TaskClockRecord] = []
        for try await record in database.reports.breaches(BreachFilter()) { listed.append(record) }
        #expect(listed.count == 900)
        let keys = listed.map { "\($0.taskID)/\($0.clock.policy)" }
        #expect(Set(keys).count == 900, "no clock twice")
        let expected = listed.sorted {
            ($0.clock.breachedAt!, $0.taskID, $0.clock.policy) > ($1.clock.breachedAt!, $1.taskID, $1.clock.policy)
        }
        #expect(keys == expected.map { "\($0.taskID)/\($0.clock.policy)" }, "newest breach first, ties by id")

        var filter = BreachFilter()
        filter.visibleTeams = ["billing"]
        filter.open = true
        var billing: [TaskClockRecord] = []
        for try await record in database.reports.breaches(filter) { billing.append(record) }
        let openBillingTasks: Int = (1...450).filter { (n: Int) -> Bool in n % 3 == 0 && n % 5 != 0 }.count
        #expect(billing.count == 2 * openBillingTasks)
        #expect(billing.allSatisfy { $0.team == "billing" && $0.clock.state == .running })

        filter = BreachFilter()
        filter.limit = 250
        var limited = 0
        for try await _ in database.reports.breaches(filter) { limited += 1 }
        #expect(limited == 250)
        await database.pool.close()
    }

    @Test func atRiskPagesSoonestFirstWithinTheHorizonOnly() async throws {
        let database = try await seeded()
        var listed: [TaskClockRecord] = []
        let horizon = Date().addingTimeInterval(3 * 60 + 30)
        for try await record in database.reports.atRisk(AtRiskFilter(horizon: horizon)) { listed.append(record) }
        let expected: Int = (1...300).filter { (n: Int) -> Bool in n % 4 + 1 <= 3 }.count
        #expect(listed.count == expected, "due within 3½ minutes: 1, 2 or 3 minutes from now")
        #expect(Set(listed.map(\.taskID)).count == listed.count)
        #expect(listed.allSatisfy { $0.clock.policy == "resolution" && $0.dueAt != nil })
        let order = listed.map { ($0.dueAt!, $0.taskID) }
        #expect(zip(order, order.dropFirst()).allSatisfy { $0 < $1 }, "soonest first, ties by id")
        await database.pool.close()
    }
}
