import Foundation
import Testing
import Workflow

/// Users, teams and personal tokens end to end through the built `opsline` executable against a
/// live server: an admin creates a team and a user, adds and removes the user, gives them a
/// personal token, the user acts with it (as themselves, in their team), and is disabled.
@Suite("opsline user, team and personal tokens against a live server")
struct PeopleCLITests {
    @Test func anAdminSetsUpATeamAndAUserWhoThenWorksWithTheirOwnToken() async throws {
        try await LiveServer.run { url in
            let admin = try CLIProcess(serverURL: url, token: LiveServer.adminSecret)

            let team = try await admin.run("team", "create", "payments", "--title", "Payments desk")
            #expect(team.status == 0 && team.stdout.contains("Created team payments"), "\(team)")
            let user = try await admin.run(
                "user", "create", "alice", "--display-name", "Alice Wang", "--email", "alice@example.com",
                "--chat", "wecom=alice.wang", "--team", "support=member", "-o", "json")
            try #require(user.status == 0, "\(user)")
            let line = try #require(Self.object(user.stdout), "\(user)")
            #expect(line["teams"] == ["support": "member"], "\(user)")
            #expect(line["chat"] == ["wecom": "alice.wang"], "\(user)")
            let badTeam = try await admin.run("user", "create", "bob", "--team", "nosuchteam=member")
            #expect(badTeam.status != 0 && badTeam.stderr.contains("teams"), "\(badTeam)")
            let badOption = try await admin.run("user", "create", "bob", "--team", "support")
            #expect(badOption.status == 64, "\(badOption)")

            let added = try await admin.run("team", "add", "payments", "alice", "--role", "manager")
            #expect(added.status == 0 && added.stdout.contains("manager"), "\(added)")
            let shown = try await admin.run("team", "show", "payments")
            #expect(shown.status == 0 && shown.stdout.contains("alice") && shown.stdout.contains("manager"), "\(shown)")
            let removed = try await admin.run("team", "remove", "payments", "alice")
            #expect(removed.status == 0, "\(removed)")
            let gone = try await admin.run("team", "show", "payments", "-o", "json")
            #expect(Self.object(gone.stdout)?["members"] == [], "\(gone)")
            let again = try await admin.run("team", "remove", "payments", "alice")
            #expect(again.status == 4, "\(again)")

            let listed = try await admin.run("user", "list")
            #expect(listed.status == 0 && listed.stdoutLines.first?.hasPrefix("NAME") == true, "\(listed)")
            #expect(listed.stdout.contains("Alice Wang") && listed.stdout.contains("support=member"), "\(listed)")
            let teams = try await admin.run("team", "list", "-o", "ndjson")
            #expect(teams.stdoutLines.contains { $0.contains(#""name":"payments""#) }, "\(teams)")

            let token = try await admin.run("token", "create", "--user", "alice", "-o", "json")
            try #require(token.status == 0, "\(token)")
            let created = try #require(Self.object(token.stdout), "\(token)")
            #expect(created["user"] == "alice" && created["name"] == "alice", "\(token)")
            let secret = try #require(created["secret"]?.stringValue, "\(token)")

            let alice = admin.with(token: secret)
            let whoami = try await alice.run("whoami")
            #expect(whoami.status == 0 && whoami.stdout.contains("support=member"), "\(whoami)")
            let task = try await alice.run(
                "task", "create", "complaint-escalation", "--title", "Refund missing", "--field", "customer=ACME",
                "-o", "json")
            try #require(task.status == 0, "\(task)")
            let id = try #require(Self.object(task.stdout)?["id"]?.stringValue, "\(task)")
            let history = try await alice.run("task", "show", id, "-o", "json")
            #expect(history.status == 0, "\(history)")
            let own = try await alice.run("user", "show", "alice")
            #expect(own.status == 0 && own.stdout.contains("alice@example.com"), "\(own)")
            let notTheirs = try await alice.run("team", "add", "payments", "alice")
            #expect(notTheirs.status == 3, "a member cannot join another team: \(notTheirs)")

            let disabled = try await admin.run("user", "disable", "alice")
            #expect(disabled.status == 0 && disabled.stdout.contains("disabled"), "\(disabled)")
            let refused = try await alice.run("whoami")
            #expect(refused.status == 3, "a disabled user's token stops at once: \(refused)")
            let shownUser = try await admin.run("user", "show", "alice", "-o", "json")
            #expect(Self.object(shownUser.stdout)?["disabled_at"]?.stringValue != nil, "\(shownUser)")
        }
    }

    /// `text` as a JSON object, or `nil` when it is not one.
    private static func object(_ text: String) -> [String: JSONValue]? {
        try? JSONDecoder().decode([String: JSONValue].self, from: Data(text.utf8))
    }
}
