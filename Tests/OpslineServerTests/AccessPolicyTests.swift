@testable import OpslineServer
import OpslineStore
import Testing

/// The scope every list query and report runs in comes from the caller, in one place.
@Suite struct AccessPolicyTests {
    @Test(arguments: Role.allCases)
    func adminsListEveryTeamAndEveryoneElseTheirOwnTeams(role: Role) {
        let caller = Principal(tokenID: "tok_1", name: "\(role.rawValue)-1", role: role, teams: ["billing", "support"])
        let expected: TeamScope = role == .admin ? .allTeams : .teams(["billing", "support"])
        #expect(AccessPolicy.teamScope(caller) == expected)
    }

    @Test func aCallerInNoTeamListsNothingButAnAdminStillEverything() {
        let member = Principal(tokenID: "tok_2", name: "loner", role: .member, teams: [])
        #expect(AccessPolicy.teamScope(member) == .teams([]))
        let admin = Principal(tokenID: "tok_3", name: "root", role: .admin, teams: [])
        #expect(AccessPolicy.teamScope(admin) == .allTeams)
    }

    /// A user's personal token is judged by the user's role in the team in question.
    @Test func aUsersRightsGoByTheirRoleInEachTeam() throws {
        let mia = Principal(
            tokenID: "tok_4", user: "mia", admin: false,
            memberships: [TeamRole(team: "billing", role: .member), TeamRole(team: "support", role: .manager)])
        #expect(mia.name == "mia" && mia.user == "mia" && !mia.isAdmin)
        #expect(mia.role(in: "support") == .manager && mia.role(in: "billing") == .member && mia.role(in: "ops") == nil)
        #expect(mia.summaryRole == .manager)
        try AccessPolicy.check(mia, .reassign, team: "support")
        #expect(throws: APIError.self) { try AccessPolicy.check(mia, .reassign, team: "billing") }
        try AccessPolicy.check(mia, .update, team: "billing")
        #expect(throws: APIError.self) { try AccessPolicy.check(mia, .read, team: "ops") }
        #expect(AccessPolicy.sees(mia, team: "billing") && !AccessPolicy.sees(mia, team: nil))
        #expect(AccessPolicy.teamScope(mia) == .teams(["billing", "support"]))
        try AccessPolicy.checkManagesMembers(mia, of: "support")
        #expect(throws: APIError.self) { try AccessPolicy.checkManagesMembers(mia, of: "billing") }

        let boss = Principal(tokenID: "tok_5", user: "boss", admin: true, memberships: [])
        #expect(boss.role(in: "anything") == .admin && AccessPolicy.teamScope(boss) == .allTeams)
        let loner = Principal(tokenID: "tok_6", user: "loner", admin: false, memberships: [])
        try AccessPolicy.checkRole(loner, .read)
        #expect(AccessPolicy.teamScope(loner) == .teams([]), "a user in no team reads nothing")
    }
}
