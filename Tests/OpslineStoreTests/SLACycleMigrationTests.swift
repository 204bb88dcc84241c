import Foundation
import OpslineStore
import Postgres
import Testing
import TestSupport

/// Migration 11 gives every clock so far cycle 1 and places its breach and its stop from the
/// task's history: the team the `sla_breached` / `sla_met` / `sla_stopped` event took place in,
/// and the assignee the task had then.
@Suite struct SLACycleMigrationTests {
    @Test func existingClocksAreCycleOneChargedToTheTeamThatHeldTheTaskThen() async throws {
        let pool = try await MigrationFixture.before(11)
        try await pool.withConnection { connection in
            // alice's complaint: first response met in support, resolution breached in support,
            // then escalated to support-l2 (bob), where it was resolved.
            try await connection.execute(
                """
                INSERT INTO tasks (id, workflow, workflow_version, state, title, team, assignee) VALUES
                    ('CMP-1', 'complaint-escalation', 1, 'resolved', 'a', 'support-l2', 'bob');
                INSERT INTO events (task_id, type, data, teams) VALUES
                    ('CMP-1', 'created', '{}', '{support}'),
                    ('CMP-1', 'sla_met', '{"policy": "first_response"}', '{support}'),
                    ('CMP-1', 'sla_breached', '{"policy": "resolution"}', '{support}'),
                    ('CMP-1', 'assigned', '{"team": {"from": "support", "to": "support-l2"},
                        "assignee": {"from": "alice", "to": "bob"}}', '{support,support-l2}'),
                    ('CMP-1', 'sla_stopped', '{"policy": "resolution"}', '{support-l2}');
                INSERT INTO sla_clocks (task_id, policy, state, started_at, worked_s, breached_at, stopped_at) VALUES
                    ('CMP-1', 'first_response', 'stopped', now(), 60, NULL, now()),
                    ('CMP-1', 'resolution', 'stopped', now(), 600, now(), now());
                """)
        }
        let database = try OpslineDatabase(pool: pool)
        try await database.prepare()
        let rows = try await pool.withConnection { connection in
            try await connection.query(
                """
                SELECT policy, cycle, coalesce(breached_team, '-') || '/' || coalesce(breached_assignee, '-')
                    || ' ' || coalesce(stopped_team, '-') || '/' || coalesce(stopped_assignee, '-') AS held
                FROM sla_clocks ORDER BY policy
                """
            ).rows
        }
        #expect(try rows.map { try $0.decode("cycle", as: Int.self) } == [1, 1])
        #expect(
            try rows.map { try $0.decode("held", as: String.self) } == [
                "-/- support/alice", "support/alice support-l2/bob",
            ])

        let breaches = try await Array(database.reports.breaches(BreachFilter(scope: .allTeams)))
        #expect(breaches.map(\.chargedTeam) == ["support"])
        #expect(breaches.map(\.escalatedTo) == ["support-l2"])
        // A second cycle of the same policy now has a place of its own.
        try await pool.withConnection { connection in
            try await connection.execute(
                """
                INSERT INTO sla_clocks (task_id, policy, cycle, state, started_at) VALUES
                    ('CMP-1', 'resolution', 2, 'running', now())
                """)
        }
        await pool.close()
    }
}
