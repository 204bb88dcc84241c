import Foundation
import Testing

@testable import Workflow

/// The workflows shipped in `workflows/`, loaded as the server loads them and checked against the
/// rules ops teams rely on (no database: the HTTP flows are in OpslineServerTests).
@Suite("The shipped workflows")
struct ShippedWorkflowsTests {
    static let folder = URL(fileURLWithPath: Fixtures.complaintPath).deletingLastPathComponent().path

    let library: WorkflowLibrary

    init() throws {
        library = try WorkflowLibrary.load(directory: Self.folder)
    }

    private func workflow(_ name: String) throws -> WorkflowDefinition {
        try #require(library.workflow(named: name), "workflows/ has no \(name)")
    }

    private func violation(_ body: () throws(RuleViolation) -> TransitionPlan) -> RuleViolation? {
        do {
            _ = try body()
            return nil
        } catch {
            return error
        }
    }

    @Test func theFolderLoadsWithoutProblems() throws {
        #expect(
            Set(library.workflows.map(\.name)) == [
                "action-item", "campaign-planning", "complaint-escalation", "contingency-drill", "customer",
                "follow-up-call",
                "improvement",
                "incident", "launch-readiness", "readiness-item", "resource-request", "risk-review", "routine-work",
            ])
        #expect(library.calendars == ["24x7", "business-hours", "support-hours"])
        #expect(library.workflows.allSatisfy { $0.calendar != nil }, "every shipped workflow names its calendar")
    }

    @Test func everyShippedWorkflowDrawsWithAllItsStates() {
        for definition in library.workflows {
            let diagram = WorkflowGraph(definition).mermaid()
            for state in definition.states {
                #expect(diagram.contains(state.name), "\(definition.name): \(state.name) is missing")
            }
        }
    }

    @Test func campaignPlanningWalksTheEightStepsInOrder() throws {
        let campaign = try workflow("campaign-planning")
        #expect(
            campaign.states.map(\.name) == [
                "objectives", "audience", "creative", "planning", "plan_review", "resourcing", "executing",
                "live", "evaluating", "follow_up_raised", "completed", "halted", "cancelled",
            ])
        #expect(campaign.transition(named: "request_rework")?.to == .state("planning"))
        #expect(campaign.transition(named: "approve_plan")?.guards.roles == [.manager])
        let spawned = try #require(campaign.state(named: "resourcing")).spawns
        #expect(spawned.map(\.team) == ["events", "hr", "design", "brand"])
        #expect(spawned.allSatisfy { $0.workflow == "resource-request" })
    }

    @Test func campaignEvaluationComputesGoalCompletion() throws {
        let campaign = try workflow("campaign-planning")
        let fields = campaign.computingFields([
            "target": 132_000, "actual": 138_600, "sales": 1_710_000, "budget": 380_000,
        ])
        #expect(fields["goal_completion"] == 1.05)
        #expect(fields["goal_met"] == true)
        #expect(fields["sales_per_yuan"] == 4.5)
    }

    @Test func launchReadinessSpawnsElevenItemsAndWaitsForThem() throws {
        let launch = try workflow("launch-readiness")
        let items = launch.initialState.spawns
        #expect(
            items.map { $0.fields["area"] } == [
                "warm_up", "sales_training", "logistics", "qa", "supply", "user_testing", "pricing", "sales_channels",
                "after_sales", "help_centre", "legal",
            ])
        #expect(try workflow("readiness-item").field(named: "evidence")?.type == .attachment)
        #expect(launch.state(named: "launched")?.isFinal == false, "the post-launch review comes after")
        let refused = violation { () throws(RuleViolation) in
            try launch.planTransition(
                "go_no_go", from: "preparing", fields: [:], changes: [:],
                context: TransitionContext(role: .member, openChildren: ["RDY-4"]))
        }
        #expect(refused == .childrenNotDone(transition: "go_no_go", open: ["RDY-4"]))
        #expect(
            launch.transition(named: "go")?.guards.requiresChildrenDone == true,
            "an item added at review holds the launch")
        let noReason = violation { () throws(RuleViolation) in
            try launch.planTransition(
                "no_go", from: "review", fields: [:], changes: [:], context: TransitionContext(role: .manager))
        }
        #expect(noReason == .missingRequiredFields(transition: "no_go", fields: ["no_go_reason"]))
    }

    @Test func riskScoresOfFifteenOrMoreNeedApproval() throws {
        let risk = try workflow("risk-review")
        func assess(_ likelihood: Int64, _ impact: Int64) throws -> String {
            let fields = risk.computingFields([
                "risk": "x", "category": "supply", "likelihood": .int(likelihood), "impact": .int(impact),
            ])
            return try risk.planTransition(
                "assess", from: "identified", fields: fields, changes: [:], context: TransitionContext(role: .member)
            ).to
        }
        #expect(try assess(4, 5) == "awaiting_approval")
        #expect(try assess(3, 5) == "awaiting_approval")
        #expect(try assess(3, 4) == "choosing_strategy")
        #expect(try assess(2, 3) == "choosing_strategy")
        #expect(try assess(5, 2) == "choosing_strategy")
        #expect(
            risk.timers == [StateTimer(state: "accepted", after: WorkDuration(seconds: 90 * 86_400), fire: "rereview")])
    }

    @Test func aComplianceRiskGoesToTheComplianceReviewWhateverItsScore() throws {
        let risk = try workflow("risk-review")
        func assess(_ category: String, _ likelihood: Int64, _ impact: Int64) throws -> String {
            let fields = risk.computingFields([
                "risk": "x", "category": .string(category), "likelihood": .int(likelihood), "impact": .int(impact),
            ])
            return try risk.planTransition(
                "assess", from: "identified", fields: fields, changes: [:], context: TransitionContext(role: .member)
            ).to
        }
        // The manager names the compliance reviewer, whatever the score.
        #expect(try assess("compliance", 1, 1) == "awaiting_approval")
        #expect(try assess("compliance", 3, 4) == "awaiting_approval")
        #expect(try assess("compliance", 4, 5) == "awaiting_approval")
        #expect(risk.transition(named: "approve")?.guards.require == ["compliance_reviewer"])
        #expect(risk.transition(named: "clear_compliance")?.guards.when?.text == "actor == compliance_reviewer")
        #expect(try assess("market", 1, 1) == "choosing_strategy")
        let assessment = try #require(risk.slas.first { $0.name == "assessment" })
        #expect(assessment.stop.contains("compliance_review"), "going to the review ends the assessment")
    }

    @Test func whatAnApprovalApprovedIsFrozenUntilTheWayBack() throws {
        let campaign = try workflow("campaign-planning")
        for state in ["resourcing", "executing", "live", "evaluating", "completed", "halted"] {
            #expect(Set(campaign.lockedFields(in: state)).isSuperset(of: ["budget", "target"]), "\(state)")
        }
        #expect(
            campaign.lockedFields(in: "plan_review") == ["pricing_approved"],
            "the manager may still change the plan; only the pricing owner's sign-off approves the prices")
        for state in campaign.states.map(\.name) {
            #expect(campaign.lockedFields(in: state).contains("pricing_approved"), "\(state)")
        }
        #expect(campaign.transitionsUnlocking(["pricing_approved"], from: "executing") == ["sign_off_pricing"])
        let live: [String: JSONValue] = ["budget": 380_000, "target": 132_000, "compliance_checked": true]
        let moved = violation { () throws(RuleViolation) in
            try campaign.planTransition(
                "end_campaign", from: "live", fields: live, changes: ["risk_log": "ok", "target": 100_000],
                context: .system)
        }
        #expect(moved == .lockedFields(state: "live", fields: ["target"], unlockedBy: []))
        let unchecked = violation { () throws(RuleViolation) in
            try campaign.planTransition("go_live", from: "executing", fields: [:], changes: [:], context: .system)
        }
        #expect(unchecked == .missingRequiredFields(transition: "go_live", fields: ["compliance_checked"]))

        let risk = try workflow("risk-review")
        #expect(risk.lockedFields(in: "accepted") == ["likelihood", "impact", "category", "compliant", "strategy"])
        #expect(risk.transition(named: "reassess")?.from.contains("accepted") == true)
    }

    @Test func complaintsKeepTheirTransitionsAndCloseOnlyWithASatisfactionScore() throws {
        let complaint = try workflow("complaint-escalation")
        for name in ["acknowledge", "investigate", "ask_customer", "customer_replied", "resolve", "reopen", "close"] {
            #expect(complaint.transition(named: name) != nil, "\(name) is still there")
        }
        let resolved: [String: JSONValue] = ["customer": "王芳", "resolution": "Re-shipped"]
        let unscored = violation { () throws(RuleViolation) in
            try complaint.planTransition("close", from: "resolved", fields: resolved, changes: [:], context: .system)
        }
        #expect(unscored == .missingRequiredFields(transition: "close", fields: ["satisfaction"]))
        let unhappy = violation { () throws(RuleViolation) in
            try complaint.planTransition(
                "close", from: "resolved", fields: resolved, changes: ["satisfaction": 1], context: .system)
        }
        #expect(
            unhappy
                == .conditionNotMet(transition: "close", condition: "satisfaction >= 3 or follow_up_notes is not null"))
        #expect(complaint.timers.map(\.fire) == ["close_unanswered", "close_unrated"])
    }
}
