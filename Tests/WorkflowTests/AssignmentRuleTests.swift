import Testing

@testable import Workflow

@Suite("Assignment rules")
struct AssignmentRuleTests {
    /// A minimal workflow of team `support` whose `assign:` section starts on line 9.
    private static func assigning(_ section: String) -> String {
        """
        workflow: demo
        key: DEM
        team: support
        states:
          open: {initial: true}
          done: {final: true}
        transitions:
          close: {from: open, to: done}
        \(section)
        """
    }

    private static func problems(_ section: String) -> [String] {
        do throws(WorkflowLoadErrors) {
            _ = try WorkflowParser.parse(Self.assigning(section), file: "demo.yaml")
            return []
        } catch {
            return error.errors.map { "\($0.line): \($0.message)" }
        }
    }

    @Test func oneRuleAssignsEveryTeamsTasks() throws {
        let workflow = try WorkflowParser.parse(Self.assigning("assign: {rule: least_loaded}"), file: "demo.yaml")
        #expect(workflow.assignment == [AssignmentRule(kind: .leastLoaded, team: nil)])
        #expect(workflow.assignmentRule(forTeam: "support")?.kind == .leastLoaded)
        #expect(workflow.assignmentRule(forTeam: "support-l2")?.kind == .leastLoaded)
    }

    @Test func aTeamsOwnRuleComesBeforeTheRuleForEveryOtherTeam() throws {
        let section = """
            assign:
              - {rule: least_loaded}
              - {team: support, rule: round_robin}
            """
        let workflow = try WorkflowParser.parse(Self.assigning(section), file: "demo.yaml")
        #expect(workflow.assignmentRule(forTeam: "support") == AssignmentRule(kind: .roundRobin, team: "support"))
        #expect(workflow.assignmentRule(forTeam: "risk") == AssignmentRule(kind: .leastLoaded, team: nil))
    }

    @Test func withoutASectionNothingIsAssigned() throws {
        let workflow = try WorkflowParser.parse(Self.assigning(""), file: "demo.yaml")
        #expect(workflow.assignment.isEmpty)
        #expect(workflow.assignmentRule(forTeam: "support") == nil)
    }

    @Test(
        arguments: [
            ("assign: {rule: random}", "9: assign: unknown rule 'random'; the rules are round_robin, least_loaded"),
            ("assign: {team: support}", "9: assign is missing 'rule'"),
            (
                "assign: {rule: round_robin, teams: [a]}",
                "9: unknown key 'teams' in assign (expected one of: rule, team)"
            ),
            (
                "assign:\n  - {team: support, rule: round_robin}\n  - {team: support, rule: least_loaded}",
                "11: assignment rule 2 repeats an earlier rule for team 'support'"
            ),
        ]
    )
    func aBadRuleIsReportedOnItsLine(section: String, expected: String) {
        #expect(Self.problems(section) == [expected])
    }
}
