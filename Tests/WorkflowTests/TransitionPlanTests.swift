import Testing

@testable import Workflow

@Suite("Planning transitions")
struct TransitionPlanTests {
    private let resolvedTask: [String: JSONValue] = [
        "customer": "Ada", "severity": "p2", "resolution": "refunded",
    ]

    private func violation(
        sourceLocation: SourceLocation = #_sourceLocation,
        _ body: () throws -> Void
    ) -> RuleViolation? {
        #expect(throws: RuleViolation.self, sourceLocation: sourceLocation) { try body() }
    }

    @Test func anAllowedTransitionPlansTheMoveAndMergesChanges() throws {
        let workflow = try Fixtures.complaint()
        let plan = try workflow.planTransition(
            "close", from: "resolved", fields: resolvedTask, changes: ["satisfaction": 5], context: .system)
        #expect(plan.transition == "close")
        #expect(plan.from == "resolved")
        #expect(plan.to == "closed")
        #expect(plan.entersFinalState)
        #expect(plan.fields == resolvedTask.merging(["satisfaction": 5]) { $1 })
    }

    @Test func aTransitionIntoANonFinalStateSaysSo() throws {
        let workflow = try Fixtures.complaint()
        let plan = try workflow.planTransition(
            "reopen", from: "resolved", fields: resolvedTask, changes: [:], context: .system)
        #expect(plan.to == "investigating")
        #expect(!plan.entersFinalState)
    }

    @Test func closingWithoutSatisfactionIsRefused() throws {
        let workflow = try Fixtures.complaint()
        let refused = violation {
            _ = try workflow.planTransition(
                "close", from: "resolved", fields: resolvedTask, changes: [:], context: .system)
        }
        #expect(refused == .missingRequiredFields(transition: "close", fields: ["satisfaction"]))
        #expect(refused?.message == "transition 'close' needs field(s) satisfaction")
    }

    @Test func clearingARequiredFieldInTheSameStepIsRefused() throws {
        let workflow = try Fixtures.complaint()
        let refused = violation {
            _ = try workflow.planTransition(
                "resolve", from: "investigating", fields: resolvedTask, changes: ["resolution": nil], context: .system)
        }
        #expect(refused == .missingRequiredFields(transition: "resolve", fields: ["resolution"]))
    }

    @Test func aTransitionFromTheWrongStateIsRefused() throws {
        let workflow = try Fixtures.complaint()
        let refused = violation {
            _ = try workflow.planTransition(
                "close", from: "investigating", fields: resolvedTask, changes: [:], context: .system)
        }
        #expect(
            refused
                == .transitionNotAllowed(
                    transition: "close", from: "investigating", allowedFrom: ["resolved"],
                    hint: TransitionHint(state: "investigating", allowed: ["ask_customer", "resolve", "request_goods"]))
        )
        #expect(
            refused?.message
                == "transition 'close' is not allowed from state 'investigating' (only from resolved); "
                + "allowed from state 'investigating': ask_customer, resolve, request_goods")
    }

    @Test func anUnknownTransitionIsRefused() throws {
        let workflow = try Fixtures.complaint()
        let refused = violation {
            _ = try workflow.planTransition("escalate", from: "received", fields: [:], changes: [:], context: .system)
        }
        #expect(
            refused
                == .unknownTransition(
                    "escalate", hint: TransitionHint(state: "received", allowed: ["acknowledge", "investigate"])))
        #expect(
            refused?.message
                == "unknown transition 'escalate'; allowed from state 'received': acknowledge, investigate")
    }

    @Test func aMistypedTransitionSuggestsTheNearestNameAndListsTheAllowedOnes() throws {
        let workflow = try Fixtures.complaint()
        let refused = violation {
            _ = try workflow.planTransition(
                "resolv", from: "investigating", fields: [:], changes: [:], context: .system)
        }
        #expect(
            refused?.message
                == "unknown transition 'resolv'; did you mean 'resolve'? "
                + "allowed from state 'investigating': ask_customer, resolve, request_goods")
        guard case .unknownTransition(_, let hint)? = refused else {
            Issue.record("not an unknown transition: \(String(describing: refused))")
            return
        }
        #expect(
            hint
                == TransitionHint(
                    state: "investigating", allowed: ["ask_customer", "resolve", "request_goods"], suggestion: "resolve"
                ))
    }

    @Test func aFinalStateAllowsNoTransitionAndSaysSo() throws {
        let workflow = try Fixtures.complaint()
        let refused = violation {
            _ = try workflow.planTransition("reopen", from: "closed", fields: [:], changes: [:], context: .system)
        }
        #expect(refused?.message.hasSuffix("; no transition is allowed from state 'closed'") == true)
    }

    @Test func invalidChangesAreRefusedBeforeGuardsAreChecked() throws {
        let workflow = try Fixtures.complaint()
        let refused = violation {
            _ = try workflow.planTransition(
                "close", from: "resolved", fields: resolvedTask, changes: ["satisfaction": 0], context: .system)
        }
        #expect(
            refused == .invalidFields([FieldProblem(field: "satisfaction", problem: "must be >= 1")]))
    }
}
