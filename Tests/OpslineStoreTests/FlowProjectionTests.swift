import Foundation
import OpslineStore
import Postgres
import Testing
import TestSupport

/// The flow report's projection (`flow_stretches`): the report is the same wherever the
/// projection stands — empty, part way through a task's history, complete — and moves appended
/// after it count at once; one replica projects at a time; pruning keeps a task's open stretch.
@Suite struct FlowProjectionTests {
    /// Four complaints (times in seconds from 2026-11-01 08:00 UTC): A goes straight through and
    /// closes; B is sent back to investigating twice and closes; C (billing) is still received;
    /// D is waiting on the customer a second time. Comments in between are not moves.
    static let history = """
        INSERT INTO tasks (id, workflow, workflow_version, state, title, team, closed_at) VALUES
            ('CMP-1', 'complaint-escalation', 1, 'closed', 'A', 'support', '2026-11-01 08:20:00+00'),
            ('CMP-2', 'complaint-escalation', 1, 'closed', 'B', 'support', '2026-11-01 09:00:00+00'),
            ('CMP-3', 'complaint-escalation', 1, 'received', 'C', 'billing', NULL),
            ('CMP-4', 'complaint-escalation', 1, 'waiting_on_customer', 'D', 'support', NULL);
        INSERT INTO events (task_id, type, at, data)
        SELECT task_id, type, '2026-11-01 08:00:00+00'::timestamptz + seconds * interval '1 s', data::jsonb
        FROM (VALUES
            ('CMP-1', 'created', 0, '{"state":"received"}'),
            ('CMP-2', 'created', 5, '{"state":"received"}'),
            ('CMP-1', 'transitioned', 60, '{"to":"acknowledged"}'),
            ('CMP-2', 'transitioned', 30, '{"to":"investigating"}'),
            ('CMP-1', 'commented', 70, '{"text":"not a move"}'),
            ('CMP-4', 'created', 100, '{"state":"received"}'),
            ('CMP-1', 'transitioned', 160, '{"to":"investigating"}'),
            ('CMP-2', 'transitioned', 530, '{"to":"waiting_on_customer"}'),
            ('CMP-4', 'transitioned', 700, '{"to":"waiting_on_customer"}'),
            ('CMP-1', 'transitioned', 1160, '{"to":"resolved"}'),
            ('CMP-1', 'transitioned', 1200, '{"to":"closed"}'),
            ('CMP-4', 'transitioned', 1300, '{"to":"investigating"}'),
            ('CMP-2', 'transitioned', 2530, '{"to":"investigating"}'),
            ('CMP-3', 'created', 2600, '{"state":"received"}'),
            ('CMP-2', 'transitioned', 2630, '{"to":"waiting_on_customer"}'),
            ('CMP-2', 'commented', 2640, '{"text":"not a move"}'),
            ('CMP-2', 'transitioned', 2700, '{"to":"investigating"}'),
            ('CMP-4', 'transitioned', 2900, '{"to":"waiting_on_customer"}'),
            ('CMP-2', 'transitioned', 3000, '{"to":"resolved"}'),
            ('CMP-2', 'transitioned', 3600, '{"to":"closed"}')
        ) AS e(task_id, type, seconds, data);
        """

    static let start = ISO8601DateFormatter().date(from: "2026-11-01T08:00:00Z")!

    /// A database with the history, its clock an hour and a half after the first event.
    func seeded() async throws -> (OpslineDatabase, PostgresPool) {
        let pool = PostgresPool(conninfo: try await TestCluster.shared.makeDatabase(), maximumConnections: 4)
        let time = TestTime(start: Self.start.addingTimeInterval(5_400))
        let database = try OpslineDatabase(pool: pool, clock: time.clock)
        try await database.prepare()
        try await database.workflows.publish(source: WorkflowCatalogTests.source, file: "complaint-escalation.yaml")
        try await pool.withConnection { try await $0.execute(Self.history) }
        return (database, pool)
    }

    /// The reports compared: every team, a window of entries, one team.
    static var queries: [FlowReportQuery] {
        var window = FlowReportQuery(workflow: "complaint-escalation", scope: .allTeams)
        window.from = start.addingTimeInterval(500)
        window.to = start.addingTimeInterval(2_650)
        var support = FlowReportQuery(workflow: "complaint-escalation", scope: .allTeams)
        support.team = "support"
        return [FlowReportQuery(workflow: "complaint-escalation", scope: .allTeams), window, support]
    }

    func reports(_ database: OpslineDatabase) async throws -> [[FlowStateRow]] {
        var reports: [[FlowStateRow]] = []
        for query in Self.queries { reports.append(try await database.reports.flow(query)) }
        return reports
    }

    @Test func theReportIsTheSameWhereverTheProjectionStands() async throws {
        let (database, pool) = try await seeded()
        let fromEvents = try await reports(database)
        let everyTeam = Dictionary(uniqueKeysWithValues: fromEvents[0].map { ($0.state, $0) })
        #expect(everyTeam["investigating"]?.tasks == 3 && everyTeam["investigating"]?.visits == 5)
        // A 1,000; B 500, 100 and 300; D 1,600.
        #expect(everyTeam["investigating"]?.totalSeconds == 3_500)
        #expect(everyTeam["waiting_on_customer"]?.visits == 4)
        #expect(everyTeam["closed"]?.tasks == 2 && everyTeam["closed"]?.isFinal == true)

        // One move a batch: the cursor stops between every two moves of every task.
        var steps = 0
        while case .projected(let moves, _) = try await database.flowProjection.projectNext(limit: 1) {
            steps += 1
            #expect(moves == 1)
            let projected = try await reports(database)
            #expect(Self.same(projected, fromEvents), "after \(steps) moves: \(projected) vs \(fromEvents)")
        }
        #expect(steps == 18, "every move once")
        #expect(try await database.flowProjection.projectNext(limit: 1) == .upToDate)
        let lastSeq = try await pool.withConnection {
            try await $0.query("SELECT max(seq) AS seq FROM events").first!.decode("seq", as: Int64.self)
        }
        #expect(try await database.flowProjection.through() == lastSeq)
        let repeated = try await pool.withConnection {
            try await $0.query(
                "SELECT task_id || ' ' || state AS pair FROM flow_stretches WHERE repeated GROUP BY 1 ORDER BY 1"
            ).rows.map { try $0.decode("pair", as: String.self) }
        }
        #expect(repeated == ["CMP-2 investigating", "CMP-2 waiting_on_customer", "CMP-4 waiting_on_customer"])
        await pool.close()
    }

    @Test func aWholeBatchAtOnceGivesTheSameStretchesAsOneMoveAtATime() async throws {
        let (oneByOne, firstPool) = try await seeded()
        while case .projected = try await oneByOne.flowProjection.projectNext(limit: 1) {}
        let (allAtOnce, secondPool) = try await seeded()
        #expect(try await allAtOnce.flowProjection.catchUp() == 18)
        #expect(try await stretches(firstPool) == stretches(secondPool))
        #expect(Self.same(try await reports(allAtOnce), try await reports(oneByOne)))
        await firstPool.close()
        await secondPool.close()
    }

    @Test func movesAfterTheProjectionCountAtOnceAndEndItsOpenStretches() async throws {
        let (database, pool) = try await seeded()
        try await database.flowProjection.catchUp()
        // C is acknowledged and sent back; D leaves waiting_on_customer, which the projection
        // holds open, for a state it was in before.
        try await pool.withConnection {
            try await $0.execute(
                """
                INSERT INTO events (task_id, type, at, data) VALUES
                    ('CMP-3', 'transitioned', '2026-11-01 09:00:00+00', '{"to":"acknowledged"}'),
                    ('CMP-4', 'transitioned', '2026-11-01 09:10:00+00', '{"to":"investigating"}'),
                    ('CMP-3', 'transitioned', '2026-11-01 09:20:00+00', '{"to":"received"}');
                """)
        }
        let withTail = try await reports(database)
        let everyTeam = Dictionary(uniqueKeysWithValues: withTail[0].map { ($0.state, $0) })
        #expect(everyTeam["received"]?.visits == 5 && everyTeam["received"]?.tasks == 4)
        #expect(everyTeam["acknowledged"]?.totalSeconds == 1_300, "A's 100, and C's 1,200 ended by the tail")
        #expect(everyTeam["investigating"]?.visits == 6 && everyTeam["investigating"]?.tasks == 3)
        // B 2,000 and 70; D 600, and 1,300 until the tail's move.
        #expect(everyTeam["waiting_on_customer"]?.totalSeconds == 3_970)

        #expect(try await database.flowProjection.catchUp() == 3)
        #expect(Self.same(try await reports(database), withTail), "projected, the same report")
        await pool.close()
    }

    @Test func aReplicaFindingTheCursorLockedLeavesTheWorkToTheOneHoldingIt() async throws {
        let (database, pool) = try await seeded()
        // A first batch while nothing else runs: the event log's starting point is then known.
        #expect(try await database.flowProjection.projectNext(limit: 1) == .projected(moves: 1, through: 1))
        let holder = try await PostgresConnection.connect(pool.conninfo)
        try await holder.execute("BEGIN; SELECT through_seq FROM flow_projection FOR UPDATE")
        #expect(try await database.flowProjection.projectNext() == .busy)
        #expect(try await database.flowProjection.catchUp() == 0)
        try await holder.execute("COMMIT")
        await holder.close()
        #expect(try await database.flowProjection.catchUp() == 17)
        await pool.close()
    }

    @Test func pruningTheEventsDropsTheStretchesTheyEndedButATasksCurrentOne() async throws {
        let (database, pool) = try await seeded()
        try await database.flowProjection.catchUp()
        // Everything before C's creation is older than the cutoff; A's, B's and D's last
        // stretches (closed, closed, waiting) began before or after it as they did.
        let outcome = try await database.eventRetention.prune(olderThan: .seconds(5_400 - 2_600))
        #expect(outcome.pruned > 0)
        let left = try await pool.withConnection {
            try await $0.query("SELECT entered_seq, left_at IS NULL AS open FROM flow_stretches ORDER BY 1").rows
                .map { (try $0.decode("entered_seq", as: Int64.self), try $0.decode("open", as: Bool.self)) }
        }
        #expect(left.allSatisfy { $0.0 > outcome.prunedThrough || $0.1 }, "only open ones below the pruned position")
        #expect(left.contains { $0.0 <= outcome.prunedThrough && $0.1 }, "A's closed stretch stays, as A rests there")
        await pool.close()
    }

    /// Every stretch, as text, in `seq` order.
    func stretches(_ pool: PostgresPool) async throws -> [String] {
        try await pool.withConnection {
            try await $0.query(
                """
                SELECT concat_ws(' ', entered_seq, task_id, workflow, state, entered_at, left_at, repeated) AS line
                FROM flow_stretches ORDER BY entered_seq
                """
            ).rows.map { try $0.decode("line", as: String.self) }
        }
    }

    /// The same reports, the times to the microsecond (sums may add up in another order).
    static func same(_ left: [[FlowStateRow]], _ right: [[FlowStateRow]]) -> Bool {
        left.count == right.count
            && zip(left, right).allSatisfy { left, right in
                left.count == right.count
                    && zip(left, right).allSatisfy { a, b in
                        a.state == b.state && a.isFinal == b.isFinal && a.tasks == b.tasks && a.visits == b.visits
                            && [
                                (a.totalSeconds, b.totalSeconds), (a.averageSeconds, b.averageSeconds),
                                (a.p50Seconds, b.p50Seconds), (a.p90Seconds, b.p90Seconds),
                            ].allSatisfy { abs($0 - $1) < 1e-6 }
                    }
            }
    }
}
