import Foundation
import Hummingbird
import OpslineStore
import Testing
@testable import Workflow

/// Users, teams and personal tokens against the roles of docs/api.md: admins do everything; a
/// team's manager manages that team's members and nobody else's; members and viewers manage no
/// one (a member cannot add themselves to another team); everyone reads the users and teams of
/// their own teams. A personal token acts with its user's role in each team, follows every change
/// of the user's memberships at once, and stops when the user is disabled.
///
/// The people: `root` (admin), `mia` (manager of support, member of billing), `mo` (member of
/// support), `vi` (viewer of support), `bill` (member of billing only), `newbie` (no team).
@Suite struct PeopleRoleMatrixTests {
    struct People: Sendable {
        let root, mia, mo, vi, bill, newbie: String
    }

    static func withPeople(_ body: @Sendable (TestServer, APIClient, People) async throws -> Void) async throws {
        let server = try await TestServer.make()
        try await server.addTeams("support", "billing", "ops")
        try await server.addUser("root", admin: true)
        try await server.addUser("mia", ["support": .manager, "billing": .member])
        try await server.addUser("mo", ["support": .member])
        try await server.addUser("vi", ["support": .viewer])
        try await server.addUser("bill", ["billing": .member])
        try await server.addUser("newbie")
        let people = People(
            root: try await server.mintPersonal("root"), mia: try await server.mintPersonal("mia"),
            mo: try await server.mintPersonal("mo"), vi: try await server.mintPersonal("vi"),
            bill: try await server.mintPersonal("bill"), newbie: try await server.mintPersonal("newbie"))
        try await server.run { api in try await body(server, api, people) }
    }

    @Test func onlyAdminsAndTheTeamsManagersManageItsMembers() async throws {
        try await Self.withPeople { _, api, people in
            // The status each request answers with (-1 when it could not be sent).
            let put = { @Sendable (team: String, user: String, role: String, token: String) async -> Int in
                let reply = try? await api.send(
                    .put, "/v1/teams/\(team)/members/\(user)", body: #"{"role":"\#(role)"}"#, token: token)
                return reply.map { $0.status.code } ?? -1
            }
            let delete = { @Sendable (team: String, user: String, token: String) async -> Int in
                let reply = try? await api.send(.delete, "/v1/teams/\(team)/members/\(user)", token: token)
                return reply.map { $0.status.code } ?? -1
            }
            #expect(await put("billing", "mo", "member", people.mo) == 403, "a member cannot join another team")
            #expect(await put("support", "mo", "manager", people.mo) == 403, "nor promote themselves")
            #expect(await put("support", "newbie", "member", people.mo) == 403, "nor add anyone")
            #expect(await put("support", "newbie", "member", people.vi) == 403, "a viewer neither")
            #expect(await put("support", "newbie", "member", people.newbie) == 403)

            #expect(await put("support", "newbie", "member", people.mia) == 200, "a manager adds to their team")
            #expect(await put("support", "newbie", "viewer", people.mia) == 200, "and changes roles there")
            #expect(await put("billing", "newbie", "member", people.mia) == 403, "not where they are a member")
            #expect(await put("ops", "newbie", "member", people.mia) == 403, "nor in a team they are not in")
            #expect(await delete("billing", "bill", people.mia) == 403)
            #expect(await delete("support", "newbie", people.mia) == 200)
            #expect(await delete("support", "newbie", people.mia) == 404, "no longer a member")

            #expect(await put("ops", "newbie", "manager", people.root) == 200, "an admin everywhere")
            #expect(await put("ops", "newbie", "boss", people.root) == 422)
            #expect(await put("nosuch", "newbie", "member", people.root) == 404)
            #expect(await put("ops", "nobody", "member", people.root) == 404)
            #expect(await put("ops", "vi", "member", people.newbie) == 200, "newbie manages ops now")
        }
    }

    @Test func onlyAdminsCreateUsersAndTeamsAndDisableUsers() async throws {
        try await Self.withPeople { _, api, people in
            for token in [people.mia, people.mo, people.vi] {
                #expect(
                    try await api.send(.post, "/v1/users", body: #"{"name":"x"}"#, token: token).status == .forbidden)
                #expect(
                    try await api.send(.post, "/v1/teams", body: #"{"name":"x"}"#, token: token).status == .forbidden)
                #expect(try await api.send(.post, "/v1/users/mo/disable", token: token).status == .forbidden)
            }
            let created = try await api.send(
                .post, "/v1/users",
                body:
                    #"{"name":"zed","display_name":"Zed","email":"zed@example.com","chat":{"wecom":"zed"},"teams":{"ops":"member"}}"#,
                token: people.root)
            #expect(created.status == .created, "\(created.text)")
            #expect(created.object["teams"] == ["ops": "member"])
            #expect(created.object["chat"] == ["wecom": "zed"])
            let team = try await api.send(
                .post, "/v1/teams", body: #"{"name":"payroll","title":"Payroll"}"#, token: people.root)
            #expect(team.status == .created)
            let disabled = try await api.send(.post, "/v1/users/zed/disable", token: people.root)
            #expect(disabled.status == .ok && disabled.object["disabled_at"]?.stringValue != nil)
            let again = try await api.send(.post, "/v1/users/zed/disable", token: people.root)
            #expect(again.object["disabled_at"] == disabled.object["disabled_at"], "disabling again changes nothing")
            let enabled = try await api.send(.post, "/v1/users/zed/enable", token: people.root)
            #expect(enabled.object["disabled_at"] == .null)
        }
    }

    @Test func everyoneReadsTheUsersAndTeamsOfTheirOwnTeams() async throws {
        try await Self.withPeople { _, api, people in
            func names(_ path: String, _ token: String) async throws -> [String] {
                try await api.send(.get, path, token: token).lines.compactMap { $0["name"]?.stringValue }
            }
            #expect(try await names("/v1/users", people.vi) == ["mia", "mo", "vi"])
            #expect(try await names("/v1/users", people.bill) == ["bill", "mia"])
            #expect(try await names("/v1/users", people.newbie) == ["newbie"], "only themselves")
            #expect(try await names("/v1/users", people.root) == ["bill", "mia", "mo", "newbie", "root", "vi"])
            #expect(try await names("/v1/users?team=billing", people.mia) == ["bill", "mia"])
            #expect(try await names("/v1/users?team=billing", people.vi) == [], "not vi's team")
            #expect(try await names("/v1/teams", people.vi) == ["support"])
            #expect(try await names("/v1/teams", people.mia) == ["billing", "support"])
            let every = Set(try await names("/v1/teams", people.root))
            #expect(every.isSuperset(of: ["billing", "ops", "support", "support-l2"]), "the workflows' teams too")

            #expect(try await api.send(.get, "/v1/users/bill", token: people.vi).status == .notFound)
            let mia = try await api.send(.get, "/v1/users/mia", token: people.vi)
            #expect(mia.object["teams"] == ["support": "manager"], "only the teams vi sees")
            let own = try await api.send(.get, "/v1/users/mia", token: people.mia)
            #expect(own.object["teams"] == ["support": "manager", "billing": "member"])
            #expect(try await api.send(.get, "/v1/teams/billing", token: people.vi).status == .notFound)
            let support = try await api.send(.get, "/v1/teams/support", token: people.vi)
            #expect(
                support.object["members"]?.arrayValue?.compactMap { $0["user"]?.stringValue } == ["mia", "mo", "vi"])
            #expect(support.object["members"]?.arrayValue?.first?["role"] == "manager")
        }
    }

    @Test func usersChangeTheirOwnProfileAndCreateTheirOwnTokensOnly() async throws {
        try await Self.withPeople { _, api, people in
            let renamed = try await api.send(
                .patch, "/v1/users/mo", body: #"{"display_name":"Mo Li","chat":{"slack":"U1"}}"#, token: people.mo)
            #expect(renamed.status == .ok && renamed.object["display_name"] == "Mo Li", "\(renamed.text)")
            #expect(
                try await api.send(.patch, "/v1/users/mo", body: #"{"admin":true}"#, token: people.mo).status
                    == .forbidden)
            #expect(
                try await api.send(.patch, "/v1/users/vi", body: #"{"display_name":"V"}"#, token: people.mo).status
                    == .forbidden)
            #expect(
                try await api.send(.patch, "/v1/users/bill", body: #"{"display_name":"B"}"#, token: people.mo).status
                    == .notFound)
            #expect(
                try await api.send(.patch, "/v1/users/mo", body: #"{"email":"nope"}"#, token: people.mo).status.code
                    == 422)

            let own = try await api.send(
                .post, "/v1/tokens", body: #"{"name":"mo-laptop","user":"mo"}"#, token: people.mo)
            #expect(own.status == .created && own.object["user"] == "mo", "\(own.text)")
            #expect(own.object["role"] == "member" && own.object["teams"] == ["support"])
            #expect(
                try await api.send(.post, "/v1/tokens", body: #"{"user":"vi"}"#, token: people.mo).status == .forbidden)
            #expect(
                try await api.send(.post, "/v1/tokens", body: #"{"name":"x","role":"admin"}"#, token: people.mo).status
                    == .forbidden)
            let withRole = try await api.send(
                .post, "/v1/tokens", body: #"{"user":"mo","role":"admin"}"#, token: people.root)
            #expect(withRole.status.code == 422 && withRole.object["error"]?["fields"]?["role"] != nil)
            let unknown = try await api.send(.post, "/v1/tokens", body: #"{"user":"ghost"}"#, token: people.root)
            #expect(unknown.status.code == 422 && unknown.object["error"]?["fields"]?["user"] != nil)
        }
    }

    /// A user may be a manager in one team and a member in another: each task is judged by the
    /// role in its own team, and the actor recorded is the user.
    @Test func aPersonalTokenActsWithItsUsersRoleInEachTeam() async throws {
        try await Self.withPeople { server, api, people in
            try await server.addUser("sam", ["support": .member, "billing": .member])
            let support = try await api.createComplaint(title: "support's")
            let billing = try #require(
                try await api.send(
                    .post, "/v1/tasks",
                    body:
                        #"{"workflow":"complaint-escalation","title":"billing's","team":"billing","fields":{"customer":"B"}}"#
                ).object["id"]?.stringValue)
            let give = try await api.send(
                .patch, "/v1/tasks/\(support)", body: #"{"assignee":"mo"}"#, token: people.mia)
            #expect(give.status == .ok, "a manager of support reassigns there: \(give.text)")
            let giveBilling = try await api.send(
                .patch, "/v1/tasks/\(billing)", body: #"{"assignee":"sam"}"#, token: people.mia)
            #expect(giveBilling.status == .forbidden, "a member of billing does not: \(giveBilling.text)")
            let take = try await api.send(
                .patch, "/v1/tasks/\(billing)", body: #"{"assignee":"mia"}"#, token: people.mia)
            #expect(take.status == .ok, "but takes a task there: \(take.text)")
            #expect(try await api.send(.get, "/v1/tasks/\(support)", token: people.bill).status == .notFound)
            #expect(try await api.move(support, "acknowledge").status == .ok)
            #expect(
                try await api.send(
                    .post, "/v1/tasks/\(support)/transitions", body: #"{"transition":"investigate"}"#, token: people.vi
                )
                .status == .forbidden, "a viewer reads only")
            let events = try await api.send(.get, "/v1/tasks/\(billing)/events", token: people.mia).lines
            #expect(events.last?["actor"] == "mia", "changes are recorded under the user's name")

            let me = try await api.send(.get, "/v1/me", token: people.mia).object
            #expect(me["user"] == "mia" && me["name"] == "mia" && me["role"] == "manager")
            #expect(me["memberships"] == ["support": "manager", "billing": "member"])
            #expect(me["teams"] == ["billing", "support"])
            let listed = try await api.send(.get, "/v1/tasks", token: people.mia).lines.compactMap {
                $0["id"]?.stringValue
            }
            #expect(Set(listed) == [support, billing])
        }
    }

    /// Memberships change what a personal token may do from its next request, though the server
    /// had its principal cached; disabling the user refuses the token at once, enabling lets it
    /// in again.
    @Test func rightsFollowMembershipsAtOnceAndStopWhenTheUserIsDisabled() async throws {
        try await Self.withPeople { _, api, people in
            let task = try await api.createComplaint()
            let acknowledge = #"{"transition":"acknowledge"}"#
            #expect(try await api.send(.get, "/v1/tasks/\(task)", token: people.vi).status == .ok, "cached now")
            #expect(
                try await api.send(.post, "/v1/tasks/\(task)/transitions", body: acknowledge, token: people.vi).status
                    == .forbidden)
            #expect(
                try await api.send(.put, "/v1/teams/support/members/vi", body: #"{"role":"member"}"#, token: people.mia)
                    .status == .ok)
            #expect(
                try await api.send(.post, "/v1/tasks/\(task)/transitions", body: acknowledge, token: people.vi).status
                    == .ok, "a member now")
            #expect(try await api.send(.delete, "/v1/teams/support/members/vi", token: people.mia).status == .ok)
            #expect(
                try await api.send(.get, "/v1/tasks/\(task)", token: people.vi).status == .notFound, "out of support")

            #expect(try await api.send(.get, "/v1/me", token: people.mo).status == .ok)
            #expect(try await api.send(.post, "/v1/users/mo/disable", token: people.root).status == .ok)
            let refused = try await api.send(.get, "/v1/me", token: people.mo)
            #expect(refused.status == .unauthorized && refused.errorCode == "unauthenticated")
            #expect(try await api.send(.post, "/v1/users/mo/enable", token: people.root).status == .ok)
            #expect(try await api.send(.get, "/v1/me", token: people.mo).status == .ok)
        }
    }
}
