import Testing

@testable import Workflow

/// `not_by:` on a transition: whoever created the task or took a named step may not fire it.
@Suite("Four eyes")
struct FourEyesTests {
    static let source = """
        workflow: demo
        key: DEM
        team: ops
        states:
          draft: {initial: true}
          review: {}
          approved: {final: true}
        transitions:
          submit:  {from: draft, to: review}
          approve: {from: review, to: approved, not_by: [created, submit]}
        """

    func plan(actor: String?, signatures: [String: String]) throws -> TransitionPlan {
        var context = TransitionContext(role: .admin)
        context.actor = actor
        context.signatures = signatures
        return try Fixtures.parse(Self.source).planTransition(
            "approve", from: "review", fields: [:], changes: [:], context: context)
    }

    @Test func theAuthorIsRefusedEvenAsAnAdminAndAnotherPersonIsNot() throws {
        let workflow = try Fixtures.parse(Self.source)
        #expect(workflow.transition(named: "approve")?.guards.notBy == ["created", "submit"])
        #expect(workflow.signedSteps == ["created", "submit"])
        let signed = ["created": "ada", "submit": "bo"]
        #expect(throws: RuleViolation.sameActor(transition: "approve", actor: "ada", step: "created")) {
            try plan(actor: "ada", signatures: signed)
        }
        #expect(throws: RuleViolation.sameActor(transition: "approve", actor: "bo", step: "submit")) {
            try plan(actor: "bo", signatures: signed)
        }
        #expect(
            RuleViolation.sameActor(transition: "approve", actor: "bo", step: "submit").message
                == "transition 'approve' needs another person: bo fired 'submit' on this task")
        #expect(try plan(actor: "cy", signatures: signed).to == "approved")
        #expect(try plan(actor: nil, signatures: signed).to == "approved", "the system is not a person")
    }

    @Test(arguments: [
        ("[created, sumbit]", "transition 'approve' not_by names 'sumbit', which is neither 'created' nor a transition of the workflow"),
        ("[approve]", "transition 'approve' not_by names itself; four eyes need an earlier step"),
    ])
    func notByNamesKnownEarlierSteps(list: String, message: String) {
        let source = Self.source.replacingOccurrences(of: "[created, submit]", with: list)
        let error = Fixtures.loadError(source)
        #expect(error?.message == message)
        #expect(error?.line == 10)
    }
}
