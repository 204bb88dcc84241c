import Foundation
import Testing
import Workflow

@testable import OpslineClient

/// The requests and tables of `opsline user`, `opsline team` and personal tokens, without a server.
@Suite struct PeopleRequestTests {
    @Test func creatingAUserSendsOnlyWhatIsSet() {
        let full = ClientRequest.createUser(
            NewUser(
                name: "alice", displayName: "Alice Wang", email: "alice@example.com", chat: ["wecom": "alice.wang"],
                teams: ["support": "member"], admin: true))
        #expect(full.method == .post && full.path == "/v1/users")
        #expect(
            full.body
                == #"{"admin":true,"chat":{"wecom":"alice.wang"},"display_name":"Alice Wang","email":"alice@example.com","name":"alice","teams":{"support":"member"}}"#
                + "\n")
        #expect(ClientRequest.createUser(NewUser(name: "bob")).body == #"{"name":"bob"}"# + "\n")
    }

    @Test func aPersonalTokenNamesItsUserAndNoRole() {
        #expect(
            ClientRequest.createToken(NewToken(user: "alice")).body == #"{"user":"alice"}"# + "\n")
        #expect(
            ClientRequest.createToken(NewToken(name: "alice-laptop", user: "alice")).body
                == #"{"name":"alice-laptop","user":"alice"}"# + "\n")
    }

    @Test func membershipsAndUsersHaveTheirPaths() {
        let put = ClientRequest.setMember(team: "support", user: "a.wang@corp", role: "manager")
        #expect(put.method == .put && put.path == "/v1/teams/support/members/a.wang%40corp")
        #expect(put.body == #"{"role":"manager"}"# + "\n")
        let remove = ClientRequest.removeMember(team: "support", user: "bob")
        #expect(remove.method == .delete && remove.path == "/v1/teams/support/members/bob" && remove.lines.isEmpty)
        #expect(ClientRequest.disableUser(name: "bob").path == "/v1/users/bob/disable")
        #expect(ClientRequest.listUsers(team: "support").url(on: "http://h") == "http://h/v1/users?team=support")
        #expect(ClientRequest.listUsers().url(on: "http://h") == "http://h/v1/users")
    }

    @Test func theUserTableShowsTeamsAndStatus() throws {
        let now = try #require(RFC3339.parse("2026-11-22T10:00:00Z"))
        let users = [
            UserLine(
                name: "alice", displayName: "Alice Wang", createdAt: now, teams: ["support": "member", "l2": "manager"]),
            UserLine(
                name: "bob", displayName: "bob", email: "bob@example.com", admin: true, disabledAt: now, createdAt: now),
        ]
        #expect(
            UserListView.render(users) == """
                NAME   DISPLAY NAME  EMAIL            TEAMS                      ADMIN  STATUS
                alice  Alice Wang    -                l2=manager,support=member  no     active
                bob    bob           bob@example.com  -                          yes    disabled

                """)
        #expect(UserListView.render([]) == "No users found.\n")
    }

    @Test func aUserAndATeamDecodeFromTheirLines() throws {
        let user = try JSONDecoder().decode(
            UserLine.self,
            from: Data(
                #"{"name":"alice","display_name":"Alice","email":null,"chat":{},"admin":false,"disabled_at":null,"created_at":"2026-11-22T10:00:00.000Z","last_assigned_at":null,"teams":{"support":"member"}}"#
                    .utf8))
        #expect(user.teams == ["support": "member"] && user.status == "active")
        let team = try JSONDecoder().decode(
            TeamLine.self,
            from: Data(
                #"{"name":"support","title":null,"created_at":"2026-11-22T10:00:00.000Z","members":[{"user":"alice","role":"manager","display_name":"Alice","disabled":false}]}"#
                    .utf8))
        #expect(team.members == [TeamLine.Member(user: "alice", role: "manager", displayName: "Alice")])
        #expect(TeamListView.detail(team).contains("alice  manager"))
    }
}
