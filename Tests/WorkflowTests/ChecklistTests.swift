import Testing

@testable import Workflow

/// `checklist:` on a state, and `checklist: done` on a transition leaving it.
@Suite("Checklists")
struct ChecklistTests {
    static let source = """
        workflow: demo
        key: DEM
        team: ops
        states:
          pricing:
            initial: true
            checklist:
              cost_analysis: Cost analysis signed off
              price_range: Price range approved
          channels:
            checklist: [listings, distributors]
          done: {final: true}
        transitions:
          price:   {from: pricing, to: channels, checklist: done}
          skip:    {from: pricing, to: channels}
          launch:  {from: channels, to: done, checklist: done}
        """

    @Test func aStateListsItsItemsInOrderWithTheirTitles() throws {
        let workflow = try WorkflowParser.parse(Self.source, file: "demo.yaml")
        #expect(
            workflow.state(named: "pricing")?.checklist == [
                ChecklistItem(name: "cost_analysis", title: "Cost analysis signed off"),
                ChecklistItem(name: "price_range", title: "Price range approved"),
            ])
        #expect(workflow.state(named: "channels")?.checklist.map(\.name) == ["listings", "distributors"])
        #expect(workflow.state(named: "done")?.checklist == [])
        #expect(workflow.transition(named: "price")?.guards.requiresChecklistDone == true)
        #expect(workflow.transition(named: "skip")?.guards.requiresChecklistDone == false)
    }

    @Test func aTransitionWaitingForTheChecklistNamesWhatIsNotTicked() throws {
        let workflow = try WorkflowParser.parse(Self.source, file: "demo.yaml")
        let context = TransitionContext(role: .member, checkedItems: ["price_range"])
        let refused = #expect(throws: RuleViolation.self) {
            try workflow.planTransition("price", from: "pricing", fields: [:], changes: [:], context: context)
        }
        #expect(refused == .checklistNotDone(transition: "price", state: "pricing", open: ["cost_analysis"]))
        #expect(
            refused?.message
                == "transition 'price' waits for the checklist of 'pricing'; not ticked: cost_analysis")
        // Another transition from the same state does not wait for it.
        #expect(
            try workflow.planTransition("skip", from: "pricing", fields: [:], changes: [:], context: context).to
                == "channels")
        let ticked = TransitionContext(role: .member, checkedItems: ["price_range", "cost_analysis"])
        #expect(
            try workflow.planTransition("price", from: "pricing", fields: [:], changes: [:], context: ticked).to
                == "channels")
    }

    @Test(arguments: [
        ("checklist: [a, a]", 7, "state 'pricing' checklist lists 'a' twice"),
        ("checklist: []", 7, "state 'pricing': 'checklist' must not be empty"),
        ("checklist: {}", 7, "state 'pricing' checklist must list at least one item"),
        ("checklist: [Bad-Item]", 7, "checklist item name 'Bad-Item' must start with a-z"),
    ])
    func aBadChecklistIsRefusedWhereItIsWritten(line: String, at number: Int, message: String) {
        let error = Fixtures.loadError(
            """
            workflow: demo
            key: DEM
            team: ops
            states:
              pricing:
                initial: true
                \(line)
              done: {final: true}
            transitions:
              finish: {from: pricing, to: done}
            """)
        #expect(error?.line == number, "\(String(describing: error))")
        #expect(error?.message.contains(message) == true, "\(String(describing: error))")
    }

    @Test func waitingForAChecklistNoStateItLeavesHasIsRefused() {
        let error = Fixtures.loadError(
            """
            workflow: demo
            key: DEM
            team: ops
            states:
              open: {initial: true}
              done: {final: true}
            transitions:
              finish: {from: open, to: done, checklist: done}
            """)
        #expect(error?.line == 8)
        #expect(
            error?.message
                == "transition 'finish' waits for a done checklist, but no state it leaves (open) has a checklist")
        let notDone = Fixtures.loadError(
            Self.source.replacingOccurrences(of: "checklist: done}", with: "checklist: yes}"))
        #expect(notDone?.message.contains("must be 'done' (every item of the state's checklist ticked)") == true)
    }
}
