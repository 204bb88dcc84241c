import Foundation
import OpslineStore
import Postgres
import Testing
import TestSupport

/// Migration 8 makes people of what existed before it: every team a task or a token names is a
/// team, every assignee a user and a `member` of the teams of the tasks assigned to them; tokens
/// stay service tokens and keep working as they did. The teams the published workflows name are
/// registered when the database is prepared (the server starting).
@Suite struct PeopleMigrationTests {
    @Test func existingTeamsAssigneesAndTokensBecomePeople() async throws {
        let pool = try await MigrationFixture.before(8)
        try await pool.withConnection { connection in
            try await connection.execute(
                """
                INSERT INTO tasks (id, workflow, workflow_version, state, title, team, assignee) VALUES
                    ('CMP-1', 'complaint-escalation', 1, 'received', 'a', 'support', 'alice'),
                    ('CMP-2', 'complaint-escalation', 1, 'received', 'b', 'billing', 'alice'),
                    ('CMP-3', 'complaint-escalation', 1, 'received', 'c', 'support', 'bob'),
                    ('CMP-4', 'complaint-escalation', 1, 'received', 'd', 'legacy', NULL),
                    ('CMP-5', 'complaint-escalation', 1, 'received', 'e', NULL, 'carol'),
                    ('CMP-6', 'complaint-escalation', 1, 'received', 'f', 'support', '');
                INSERT INTO api_tokens (id, name, role, teams, secret_hash) VALUES
                    ('tok_crm', 'crm', 'service', '{support,ops}', sha256('crm-secret'::bytea)),
                    ('tok_boss', 'boss', 'manager', '{billing}', sha256('boss-secret'::bytea)),
                    ('tok_root', 'root', 'admin', '{}', sha256('root-secret'::bytea));
                """)
        }
        let database = try OpslineDatabase(pool: pool)
        try await database.prepare()

        let teams = try await Array(database.people.teams(scope: .allTeams)).map(\.name)
        #expect(
            teams == ["billing", "legacy", "ops", "quality", "support", "support-l2", "support-managers"],
            "from tasks, tokens and the published workflow")
        let users = try await Array(database.people.users(scope: .allTeams))
        #expect(users.map(\.name) == ["alice", "bob", "carol"])
        #expect(users.map(\.displayName) == ["alice", "bob", "carol"])
        #expect(
            users.map(\.memberships) == [
                [TeamRole(team: "billing", role: .member), TeamRole(team: "support", role: .member)],
                [TeamRole(team: "support", role: .member)], [],
            ])
        #expect(users.allSatisfy { !$0.isAdmin && !$0.isDisabled })

        let crm = try #require(try await database.tokens.authenticate(TokenSecret("crm-secret")))
        #expect(crm == Principal(tokenID: "tok_crm", name: "crm", role: .service, teams: ["support", "ops"]))
        #expect(crm.user == nil && crm.role(in: "ops") == .service && crm.role(in: "billing") == nil)
        let boss = try #require(try await database.tokens.authenticate(TokenSecret("boss-secret")))
        #expect(boss.role(in: "billing") == .manager && !boss.isAdmin)
        let root = try #require(try await database.tokens.authenticate(TokenSecret("root-secret")))
        #expect(root.isAdmin && root.role(in: "anything") == .admin)
        let listed = try await Array(database.tokens.list())
        #expect(listed.allSatisfy { $0.user == nil })
        #expect(listed.first { $0.id == "tok_crm" }?.teams == ["support", "ops"])
        await pool.close()
    }
}
