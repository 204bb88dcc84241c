import Testing

@testable import Workflow

/// `locked_fields:` on a state: what `workflow check` says about it, and how updates and
/// transitions are held to it.
@Suite("Frozen fields")
struct LockedFieldsTests {
    static let source = """
        workflow: spend
        key: SPD
        team: finance
        fields:
          amount:  {type: decimal, min: 0}
          payee:   {type: string}
          note:    {type: text}
          doubled: {type: decimal, compute: "amount * 2"}
        states:
          draft:    {initial: true}
          approved: {locked_fields: [amount, payee]}
          paying:   {locked_fields: amount}
          paid:     {final: true, locked_fields: [amount, payee]}
        transitions:
          approve:  {from: draft, to: approved, require: [amount, payee]}
          pay:      {from: approved, to: paying}
          revise:   {from: approved, to: approved, roles: [manager], require: [amount]}
          reopen:   {from: [approved, paying], to: draft}
          settle:   {from: paying, to: paid}
        """

    private func spend() throws -> WorkflowDefinition {
        try WorkflowParser.parse(Self.source, file: "workflows/spend.yaml")
    }

    private let approved: [String: JSONValue] = ["amount": 120, "payee": "ACME", "doubled": 240]

    private func refusal<Value>(_ body: () throws(RuleViolation) -> Value) -> RuleViolation? {
        do {
            _ = try body()
            return nil
        } catch {
            return error
        }
    }

    @Test func aStateKeepsTheFieldsItLocksInFileOrder() throws {
        let spend = try spend()
        #expect(spend.lockedFields(in: "approved") == ["amount", "payee"])
        #expect(spend.lockedFields(in: "paying") == ["amount"], "one name needs no list")
        #expect(spend.lockedFields(in: "draft") == [])
        #expect(spend.lockedFields(in: "nowhere") == [])
    }

    @Test func workflowCheckNamesEveryFieldThatCannotBeLockedOnItsLine() {
        let problems = Fixtures.loadErrors(
            Self.source
                .replacingOccurrences(
                    of: "approved: {locked_fields: [amount, payee]}",
                    with: "approved: {locked_fields: [amuont, payee, doubled]}"
                )
                .replacingOccurrences(of: "paying:   {locked_fields: amount}", with: "paying:   {locked_fields: []}"))
        #expect(
            problems.map(\.description) == [
                "workflows/demo.yaml:11: state 'approved' locks unknown field 'amuont'; did you mean 'amount'?",
                "workflows/demo.yaml:11: state 'approved' locks computed field 'doubled', which nobody sets; "
                    + "lock the fields it is computed from",
                "workflows/demo.yaml:12: state 'paying': 'locked_fields' must not be empty",
            ])
    }

    @Test func eachLockedFieldIsReportedOnTheLineItIsWrittenOn() {
        let problems = Fixtures.loadErrors(
            """
            workflow: demo
            key: DEM
            team: ops
            fields:
              amount: {type: int}
            states:
              open:
                initial: true
                locked_fields:
                  - amount
                  - color
              done: {final: true}
            transitions:
              finish: {from: open, to: done}
            """)
        #expect(problems.map(\.line) == [11])
        #expect(problems.first?.message == "state 'open' locks unknown field 'color'")
    }

    @Test func lockedFieldsIsAStateKeyLikeTheOthers() {
        let error = Fixtures.loadError(
            """
            workflow: demo
            key: DEM
            team: ops
            states:
              open: {initial: true, locked: [amount]}
              done: {final: true}
            transitions:
              finish: {from: open, to: done}
            """)
        #expect(
            error?.message
                == "unknown key 'locked' in state 'open' (expected one of: initial, final, title, on_enter, locked_fields, checklist)"
        )
    }

    @Test func anUpdateMayNotChangeALockedFieldButMayChangeTheOthers() throws {
        let spend = try spend()
        let refused = refusal { () throws(RuleViolation) in
            try spend.applyFieldChanges(["amount": 999, "note": "more"], to: approved, inState: "approved")
        }
        #expect(refused == .lockedFields(state: "approved", fields: ["amount"], unlockedBy: ["revise", "reopen"]))
        #expect(
            refused?.message
                == "field 'amount' is locked in state 'approved'; to change it, fire revise or reopen")

        let cleared = refusal { () throws(RuleViolation) in
            try spend.applyFieldChanges(["payee": nil, "amount": 1], to: approved, inState: "approved")
        }
        #expect(
            cleared == .lockedFields(state: "approved", fields: ["amount", "payee"], unlockedBy: ["reopen"]),
            "removing a locked field changes it; only reopen frees both")
        #expect(
            cleared?.message == "fields 'amount', 'payee' are locked in state 'approved'; to change them, fire reopen")

        let noted = try spend.applyFieldChanges(["note": "paid by wire"], to: approved, inState: "approved")
        #expect(noted["note"] == "paid by wire")
        let sameValues = try spend.applyFieldChanges(
            ["amount": 120.0, "payee": "ACME"], to: approved, inState: "approved")
        #expect(sameValues["amount"] == 120.0, "sending back the value it has is no change")
        let drafted = try spend.applyFieldChanges(["amount": 999], to: approved, inState: "draft")
        #expect(drafted["doubled"] == 1998, "draft locks nothing")
    }

    @Test func aLockedFieldWithNoWayToChangeItSaysSo() throws {
        let spend = try spend()
        let refused = refusal { () throws(RuleViolation) in
            try spend.applyFieldChanges(["payee": "Globex"], to: approved, inState: "paid")
        }
        #expect(refused?.message == "field 'payee' is locked in state 'paid'; no transition from it changes it")
    }

    @Test func aTransitionChangesALockedFieldOnlyWhenItRequiresItOrLeavesTheLock() throws {
        let spend = try spend()
        let intoLock = try spend.planTransition(
            "approve", from: "draft", fields: [:], changes: ["amount": 50, "payee": "ACME"], context: .system)
        #expect(intoLock.fields["amount"] == 50, "a transition into the state sets what it then locks")

        let sneaked = refusal { () throws(RuleViolation) in
            try spend.planTransition(
                "pay", from: "approved", fields: approved, changes: ["amount": 5000], context: .system)
        }
        #expect(
            sneaked == .lockedFields(state: "approved", fields: ["amount"], unlockedBy: ["revise", "reopen"]),
            "paying locks the amount too")
        let payeeOnTheWay = try spend.planTransition(
            "pay", from: "approved", fields: approved, changes: ["payee": "Globex"], context: .system)
        #expect(payeeOnTheWay.fields["payee"] == "Globex", "paying does not lock the payee")

        let revised = try spend.planTransition(
            "revise", from: "approved", fields: approved, changes: ["amount": 150],
            context: TransitionContext(role: .manager))
        #expect(revised.fields["amount"] == 150 && revised.to == "approved", "revise requires the amount")
        let reopened = try spend.planTransition(
            "reopen", from: "approved", fields: approved, changes: ["amount": 80, "payee": "Initech"],
            context: .system)
        #expect(reopened.to == "draft" && reopened.fields["amount"] == 80, "draft locks nothing")
    }

    @Test func guardsAreCheckedBeforeTheLock() throws {
        let spend = try spend()
        let refused = refusal { () throws(RuleViolation) in
            try spend.planTransition(
                "revise", from: "approved", fields: approved, changes: ["payee": "Globex"],
                context: TransitionContext(role: .member))
        }
        #expect(refused == .roleNotAllowed(transition: "revise", role: "member", allowed: ["manager"]))
    }
}
