import Testing

@testable import Workflow

@Suite("Choice targets")
struct ChoiceTargetTests {
    /// A workflow whose `route` transition has the given `to:` lines; the first of them is line 13.
    private static func routing(_ target: String) -> String {
        """
        workflow: demo
        key: DEM
        team: ops
        states:
          open: {initial: true}
          high: {}
          low: {}
          done: {final: true}
        transitions:
          route:
            from: open
            to:
        \(target)
          finish: {from: [high, low], to: done}
        """
    }

    @Test func branchesAreTriedInOrderAndTheLastIsTheDefault() throws {
        let workflow = try WorkflowParser.parse(Fixtures.riskReview.text, file: Fixtures.riskReview.path)
        let assess = try #require(workflow.transition(named: "assess"))
        guard case .choice(let branches) = assess.to else {
            Issue.record("expected a choice, got \(assess.to)")
            return
        }
        #expect(branches.map(\.state) == ["compliance_review", "choosing_strategy"])
        #expect(branches[0].when?.text == "score >= 15")
        #expect(branches[0].when?.line == 23)
        #expect(branches[1].when == nil)
        #expect(assess.to.states == ["compliance_review", "choosing_strategy"])
    }

    @Test func everyBranchMakesItsStateReachable() throws {
        let workflow = try Fixtures.parse(
            Self.routing(
                """
                      - {when: "1 > 0", state: high}
                      - {state: low}
                """))
        #expect(workflow.transition(named: "route")?.to.states == ["high", "low"])
    }

    @Test func aBranchWithoutConditionBeforeTheLastIsRefused() {
        let error = Fixtures.loadError(
            Self.routing(
                """
                      - {state: low}
                      - {when: "1 > 0", state: high}
                """))
        #expect(error?.line == 13)
        #expect(
            error?.message
                == "transition 'route': choice branch 1 has no 'when' but is not the last; "
                + "only the last branch, the default, goes without one")
    }

    @Test func aChoiceWithoutDefaultIsRefused() {
        let error = Fixtures.loadError(
            Self.routing(
                """
                      - {when: "1 > 0", state: high}
                      - {when: "b", state: low}
                """))
        #expect(error?.line == 14)
        #expect(error?.message == "transition 'route': the last choice branch is the default and must not have 'when'")
    }

    @Test func aBranchToAnUnknownStateIsRefusedOnItsLine() {
        let error = Fixtures.loadError(
            Self.routing(
                """
                      - {when: "1 > 0", state: high}
                      - {state: lwo}
                """))
        #expect(error?.line == 14)
        #expect(error?.message == "transition 'route' goes to unknown state 'lwo'")
    }

    @Test func aChoiceOfOneBranchIsRefused() {
        let error = Fixtures.loadError(Self.routing("      - {state: low}"))
        #expect(error?.line == 12)
        #expect(error?.message.hasPrefix("transition 'route' has a choice with 1 branch(es)") == true)
    }
}
