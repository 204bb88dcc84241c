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
}
