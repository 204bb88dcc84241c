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

    @Test func aRolesGuardRefusesOtherRolesButNotAdminsOrTheSystem() throws {
        let workflow = try riskReview()
        let fields: [String: JSONValue] = ["risk": "r", "strategy": "avoid", "contingency": "plan b"]
        let refused = #expect(throws: RuleViolation.self) {
            try workflow.planTransition(
                "close", from: "mitigated", fields: fields, changes: [:], context: TransitionContext(role: .member))
        }
        #expect(refused == .roleNotAllowed(transition: "close", role: "member", allowed: ["manager"]))
        #expect(refused?.message == "transition 'close' is only for manager, not member")
        for context in [TransitionContext(role: .manager), TransitionContext(role: .admin), .system] {
            let plan = try workflow.planTransition(
                "close", from: "mitigated", fields: fields, changes: [:], context: context)
            #expect(plan.to == "closed")
        }
    }

    @Test func aChoiceRoutesByTheComputedScore() throws {
        let workflow = try riskReview()
        let high = try workflow.planTransition(
            "assess", from: "identified", fields: ["risk": "r"], changes: ["likelihood": 4, "impact": 5],
            context: TransitionContext(role: .member))
        #expect(high.to == "compliance_review")
        #expect(high.fields["score"] == 20)
        let low = try workflow.planTransition(
            "assess", from: "identified", fields: ["risk": "r"], changes: ["likelihood": 2, "impact": 5],
            context: TransitionContext(role: .member))
        #expect(low.to == "choosing_strategy")
        #expect(low.fields["score"] == 10)
    }

    @Test func aWhenConditionMustHoldOnTheNewFields() throws {
        let workflow = try riskReview()
        let fields: [String: JSONValue] = ["risk": "r", "likelihood": 5, "impact": 5, "score": 25]
        let manager = TransitionContext(role: .manager)
        let refused = #expect(throws: RuleViolation.self) {
            try workflow.planTransition(
                "approve_compliance", from: "compliance_review", fields: fields, changes: [:], context: manager)
        }
        #expect(refused == .conditionNotMet(transition: "approve_compliance", condition: "compliance_ok"))
        let plan = try workflow.planTransition(
            "approve_compliance", from: "compliance_review", fields: fields, changes: ["compliance_ok": true],
            context: manager)
        #expect(plan.to == "choosing_strategy")
    }

    @Test func childrenDoneWaitsForEveryOpenChild() throws {
        let launch = try WorkflowParser.parse(Fixtures.productLaunch.text, file: Fixtures.productLaunch.path)
        let submit = try #require(launch.transition(named: "submit"))
        let from = try #require(submit.from.first)
        let fields = launch.computingFields(["product": "Phone X"])
        let refused = #expect(throws: RuleViolation.self) {
            try launch.planTransition(
                "submit", from: from, fields: fields, changes: [:],
                context: TransitionContext(role: .manager, openChildren: ["RDY-2", "RDY-5"]))
        }
        #expect(refused == .childrenNotDone(transition: "submit", open: ["RDY-2", "RDY-5"]))
        #expect(refused?.message.hasSuffix("open: RDY-2, RDY-5") == true)
    }

    @Test func requiredFieldsAreCheckedBeforeConditions() throws {
        let workflow = try riskReview()
        let refused = #expect(throws: RuleViolation.self) {
            try workflow.planTransition(
                "assess", from: "identified", fields: ["risk": "r"], changes: [:], context: .system)
        }
        #expect(refused == .missingRequiredFields(transition: "assess", fields: ["likelihood", "impact"]))
    }
}
