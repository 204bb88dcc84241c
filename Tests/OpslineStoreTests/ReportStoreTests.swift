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
        for try await record in database.reports.breaches(BreachFilter(scope: .allTeams)) { listed.append(record) }
        #expect(listed.count == 900)
        let keys = listed.map { "\($0.taskID)/\($0.clock.policy)" }
        #expect(Set(keys).count == 900, "no clock twice")
        let expected = listed.sorted {
            ($0.clock.breachedAt!, $0.taskID, $0.clock.policy) > ($1.clock.breachedAt!, $1.taskID, $1.clock.policy)
        }
        #expect(keys == expected.map { "\($0.taskID)/\($0.clock.policy)" }, "newest breach first, ties by id")

        var filter = BreachFilter(scope: .teams(["billing"]))
        filter.open = true
        var billing: [TaskClockRecord] = []
        for try await record in database.reports.breaches(filter) { billing.append(record) }
        let openBillingTasks: Int = (1...450).filter { (n: Int) -> Bool in n % 3 == 0 && n % 5 != 0 }.count
        #expect(billing.count == 2 * openBillingTasks)
        #expect(billing.allSatisfy { $0.team == "billing" && $0.clock.state == .running })

        filter = BreachFilter(scope: .allTeams)
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
        for try await record in database.reports.atRisk(AtRiskFilter(horizon: horizon, scope: .allTeams)) {
            listed.append(record)
        }
        let expected: Int = (1...300).filter { (n: Int) -> Bool in n % 4 + 1 <= 3 }.count
        #expect(listed.count == expected, "due within 3½ minutes: 1, 2 or 3 minutes from now")
        #expect(Set(listed.map(\.taskID)).count == listed.count)
        #expect(listed.allSatisfy { $0.clock.policy == "resolution" && $0.dueAt != nil })
        let order = listed.map { ($0.dueAt!, $0.taskID) }
        #expect(zip(order, order.dropFirst()).allSatisfy { $0 < $1 }, "soonest first, ties by id")
        await database.pool.close()
    }

    /// Two closed complaints and one still received, with their histories at known times: A spends
    /// 60 s received, 100 s acknowledged, 1000 s investigating, 40 s resolved; B 30 s received,
    /// 500 s investigating, 2000 s waiting on the customer, 100 s investigating again, 20 s
    /// resolved; C (billing's) has been received for 300 s.
    static let history = """
        INSERT INTO tasks (id, workflow, workflow_version, state, title, team, closed_at) VALUES
            ('CMP-1', 'complaint-escalation', 1, 'closed', 'A', 'support', '2026-11-01 08:20:00+00'),
            ('CMP-2', 'complaint-escalation', 1, 'closed', 'B', 'support', '2026-11-01 08:44:10+00'),
            ('CMP-3', 'complaint-escalation', 1, 'received', 'C', 'billing', NULL);
        INSERT INTO events (task_id, type, at, data)
        SELECT task_id, type, '2026-11-01 08:00:00+00'::timestamptz + seconds * interval '1 s', data::jsonb
        FROM (VALUES
            ('CMP-1', 'created', 0, '{"state":"received"}'),
            ('CMP-1', 'transitioned', 60, '{"to":"acknowledged"}'),
            ('CMP-1', 'commented', 70, '{"text":"not a move"}'),
            ('CMP-1', 'transitioned', 160, '{"to":"investigating"}'),
            ('CMP-1', 'transitioned', 1160, '{"to":"resolved"}'),
            ('CMP-1', 'transitioned', 1200, '{"to":"closed"}'),
            ('CMP-2', 'created', 0, '{"state":"received"}'),
            ('CMP-2', 'transitioned', 30, '{"to":"investigating"}'),
            ('CMP-2', 'transitioned', 530, '{"to":"waiting_on_customer"}'),
            ('CMP-2', 'transitioned', 2530, '{"to":"investigating"}'),
            ('CMP-2', 'transitioned', 2630, '{"to":"resolved"}'),
            ('CMP-2', 'transitioned', 2650, '{"to":"closed"}')
        ) AS e(task_id, type, seconds, data);
        INSERT INTO events (task_id, type, at, data) VALUES ('CMP-3', 'created', now() - interval '300 s', '{"state":"received"}');
        """

    @Test func theFlowReportSumsEachStateFromTheHistoryMostTimeFirst() async throws {
        let pool = PostgresPool(conninfo: try await TestCluster.shared.makeDatabase(), maximumConnections: 4)
        let database = try OpslineDatabase(pool: pool)
        try await database.prepare()
        try await database.workflows.publish(source: WorkflowCatalogTests.source, file: "complaint-escalation.yaml")
        try await pool.withConnection { try await $0.execute(Self.history) }

        let rows = try await database.reports.flow(FlowReportQuery(workflow: "complaint-escalation", scope: .allTeams))
        #expect(
            rows.map(\.state) == [
                "waiting_on_customer", "investigating", "received", "acknowledged", "resolved", "closed",
            ],
            "most time first; a closed task's final state last, with no time")
        #expect(rows.map(\.isFinal) == [false, false, false, false, false, true])
        let byState = Dictionary(uniqueKeysWithValues: rows.map { ($0.state, $0) })
        let investigating = try #require(byState["investigating"])
        #expect(investigating.tasks == 2 && investigating.visits == 3)
        #expect(investigating.totalSeconds == 1600 && investigating.averageSeconds == 800)
        #expect(investigating.p50Seconds == 800 && abs(investigating.p90Seconds - 960) < 0.001)
        let received = try #require(byState["received"])
        #expect(received.tasks == 3 && received.visits == 3)
        #expect(received.totalSeconds >= 390 && received.totalSeconds < 450, "C's stretch counts until now")
        #expect(byState["waiting_on_customer"]?.totalSeconds == 2000)
        #expect(byState["resolved"]?.totalSeconds == 60)
        let closed = try #require(byState["closed"])
        #expect(closed.tasks == 2 && closed.visits == 2 && closed.totalSeconds == 0, "A and B ended there")

        var window = FlowReportQuery(workflow: "complaint-escalation", scope: .allTeams)
        window.from = ISO8601DateFormatter().date(from: "2026-11-01T08:08:20Z")  // 500 s in
        window.to = ISO8601DateFormatter().date(from: "2026-11-01T08:43:20Z")  // 2600 s in
        let entered = try await database.reports.flow(window)
        #expect(entered.map(\.state) == ["waiting_on_customer", "investigating", "resolved", "closed"])
        #expect(entered.map(\.totalSeconds) == [2000, 100, 40, 0], "stretches entered in the window, in full")
        #expect(entered.last?.tasks == 1, "A closed in the window, B after it")

        let billing = FlowReportQuery(workflow: "complaint-escalation", scope: .teams(["billing"]))
        #expect(try await database.reports.flow(billing).map(\.state) == ["received"])
        await pool.close()
    }

    /// Task ids carry their workflow's key, which the report picks the workflow's events by; when
    /// another workflow has used the same key (keys can change between versions), its tasks'
    /// moves must still not count.
    @Test func theFlowReportKeepsAnotherWorkflowsTasksOutWhenItSharedTheKey() async throws {
        let pool = PostgresPool(conninfo: try await TestCluster.shared.makeDatabase(), maximumConnections: 4)
        let database = try OpslineDatabase(pool: pool)
        try await database.prepare()
        try await database.workflows.publish(source: WorkflowCatalogTests.source, file: "complaint-escalation.yaml")
        try await pool.withConnection { try await $0.execute(Self.history) }
        try await pool.withConnection {
            try await $0.execute(
                """
                INSERT INTO workflow_versions (workflow, version, key, source, checksum)
                VALUES ('renamed-elsewhere', 1, 'CMP', 'name: renamed-elsewhere', 'x');
                INSERT INTO tasks (id, workflow, workflow_version, state, title, team)
                VALUES ('CMP-900', 'renamed-elsewhere', 1, 'triage', 'Other', 'support');
                INSERT INTO events (task_id, type, data) VALUES ('CMP-900', 'created', '{"state":"triage"}');
                """)
        }

        let rows = try await database.reports.flow(FlowReportQuery(workflow: "complaint-escalation", scope: .allTeams))
        #expect(!rows.map(\.state).contains("triage"), "the other workflow's task is not this one's")
        #expect(rows.first { $0.state == "received" }?.tasks == 3)
        await pool.close()
    }
}
