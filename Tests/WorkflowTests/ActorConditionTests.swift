import Testing

@testable import Workflow

/// `actor` in conditions: who fires the transition, for guards such as "only the pricing owner
/// signs off the prices" (`when: "actor == pricing_owner"`).
@Suite("actor in conditions")
struct ActorConditionTests {
    static let source = """
        workflow: demo
        key: DEM
        team: ops
        fields:
          owner: {type: user}
        states:
          draft: {initial: true}
          mine: {}
          theirs: {}
          done: {final: true}
        transitions:
          sign_off: {from: draft, to: done, when: "actor == owner"}
          route: {from: draft, to: [{when: "actor == owner", state: mine}, {state: theirs}]}
          close: {from: [mine, theirs], to: done}
        """

    func plan(_ transition: String, by actor: String?, owner: String? = "ann") throws -> TransitionPlan {
        var context = TransitionContext(role: actor == nil ? nil : .member)
        context.actor = actor
        return try Fixtures.parse(Self.source).planTransition(
            transition, from: "draft", fields: owner.map { ["owner": .string($0)] } ?? [:], changes: [:],
            context: context)
    }

    @Test func guardsAndChoicesReadWhoFiresAndNothingStoresIt() throws {
        let signed = try plan("sign_off", by: "ann")
        #expect(signed.to == "done")
        #expect(signed.fields["actor"] == nil, "actor is read, never stored")
        #expect(throws: RuleViolation.conditionNotMet(transition: "sign_off", condition: "actor == owner")) {
            try plan("sign_off", by: "bob")
        }
        #expect(throws: RuleViolation.self, "the system is nobody") { try plan("sign_off", by: nil) }
        #expect(throws: RuleViolation.self, "nobody owns it: null is no one") {
            try plan("sign_off", by: nil, owner: nil)
        }
        #expect(try plan("route", by: "ann").to == "mine")
        #expect(try plan("route", by: "bob").to == "theirs")
    }

    @Test func actorIsNotAFieldNorReadByComputedFields() {
        let asField = Self.source.replacingOccurrences(of: "owner: {type: user}", with: "actor: {type: user}")
        #expect(
            Fixtures.loadErrors(asField).first?.message
                == "field name 'actor' is taken: conditions read it as who fires the transition")
        let computed = Self.source.replacingOccurrences(
            of: "owner: {type: user}", with: "owner: {type: user}\n  self: {type: bool, compute: \"actor == owner\"}")
        #expect(Fixtures.loadErrors(computed).first?.message.contains("unknown field 'actor'") == true)
        let typed = Self.source.replacingOccurrences(
            of: "\"actor == owner\"}\n  route", with: "\"actor > 3\"}\n  route")
        #expect(!Fixtures.loadErrors(typed).isEmpty, "actor is a user name, not a number")
    }

    @Test func aTransitionStampsAUserFieldWithWhoFiresIt() throws {
        let stamped = Self.source.replacingOccurrences(
            of: "close: {from: [mine, theirs], to: done}",
            with: "close: {from: [mine, theirs], to: done, stamp: [owner]}")
        let workflow = try Fixtures.parse(stamped)
        var context = TransitionContext(role: .member)
        context.actor = "bob"
        let closed = try workflow.planTransition(
            "close", from: "theirs", fields: ["owner": "ann"], changes: [:], context: context)
        #expect(closed.fields["owner"] == "bob", "who closed it")
        let bySystem = try workflow.planTransition(
            "close", from: "theirs", fields: ["owner": "ann"], changes: [:], context: .system)
        #expect(bySystem.fields["owner"] == "ann", "the system stamps no one")
        let notUser = Self.source.replacingOccurrences(
            of: "owner: {type: user}", with: "owner: {type: user}\n  note: {type: string}"
        ).replacingOccurrences(
            of: "close: {from: [mine, theirs], to: done}",
            with: "close: {from: [mine, theirs], to: done, stamp: [note]}")
        #expect(
            Fixtures.loadErrors(notUser).first?.message
                == "transition 'close' stamps 'note', which is not a date or user field it can set")
    }
}
