import Testing

@testable import Workflow

@Suite("Transition guards")
struct TransitionGuardTests {
    private func riskReview() throws -> WorkflowDefinition {
        try WorkflowParser.parse(Fixtures.riskReview.text, file: Fixtures.riskReview.path)
    }

    @Test func guardsKeepRequiredFieldsRolesAndConditions() throws {
        let approve = try #require(try riskReview().transition(named: "approve_compliance"))
        #expect(approve.guards.roles == [.manager, .admin])
        #expect(approve.guards.when?.text == "compliance_ok")
        #expect(approve.guards.when?.line == 30)
        #expect(approve.guards.require == [])
        #expect(!approve.guards.requiresChildrenDone)
    }

    @Test func aTransitionWithoutGuardsGuardsNothing() throws {
        let rereview = try #require(try riskReview().transition(named: "rereview"))
        #expect(rereview.guards == TransitionGuard())
        #expect(rereview.to == .state("identified"))
    }

    @Test func childrenDoneIsTheOnlyConditionOnChildren() throws {
        let launch = try WorkflowParser.parse(Fixtures.productLaunch.text, file: Fixtures.productLaunch.path)
        #expect(launch.transition(named: "submit")?.guards.requiresChildrenDone == true)
        let error = Fixtures.loadError(
            """
            workflow: demo
            key: DEM
            team: ops
            states:
              open: {initial: true}
              done: {final: true}
            transitions:
              finish: {from: open, to: done, children: all}
            """)
        #expect(error?.line == 8)
        #expect(error?.message == "transition 'finish': 'children' must be 'done' (every child task finished)")
    }

    @Test func anUnknownRoleIsRefusedWithTheRolesThatExist() {
        let error = Fixtures.loadError(
            """
            workflow: demo
            key: DEM
            team: ops
            states:
              open: {initial: true}
              done: {final: true}
            transitions:
              finish:
                from: open
                to: done
                roles:
                  - manager
                  - boss
            """)
        #expect(error?.line == 13)
        #expect(
            error?.message
                == "transition 'finish' allows unknown role 'boss' (expected one of: admin, manager, member, service, viewer)"
        )
    }

    @Test func aTransitionWithAGuardTheRulesCannotCheckYetRefusesToFire() throws {
        let workflow = try riskReview()
        let refused = #expect(throws: RuleViolation.self) {
            try workflow.planTransition("close", from: "mitigated", fields: ["risk": "r"], changes: [:])
        }
        #expect(refused == .unenforcedGuard(transition: "close", guard: "a 'roles' guard"))
        #expect(
            refused?.message
                == "transition 'close' has a 'roles' guard, which this version cannot check yet, so it cannot fire")
        let choice = #expect(throws: RuleViolation.self) {
            try workflow.planTransition(
                "assess", from: "identified", fields: ["risk": "r"], changes: ["likelihood": 5, "impact": 4])
        }
        #expect(choice == .unenforcedGuard(transition: "assess", guard: "a choice target"))
    }

    @Test func requiredFieldsAreCheckedBeforeGuardsThatCannotBeChecked() throws {
        let workflow = try riskReview()
        let refused = #expect(throws: RuleViolation.self) {
            try workflow.planTransition("assess", from: "identified", fields: ["risk": "r"], changes: [:])
        }
        #expect(refused == .missingRequiredFields(transition: "assess", fields: ["likelihood", "impact"]))
    }
}
