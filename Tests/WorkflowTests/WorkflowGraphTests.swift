import Testing

@testable import Workflow

@Suite("Drawing a workflow's state diagram")
struct WorkflowGraphTests {
    private func riskReview() throws -> WorkflowGraph {
        WorkflowGraph(try WorkflowParser.parse(Fixtures.riskReview.text, file: Fixtures.riskReview.path))
    }

    /// A workflow whose expressions hold every character that could break a diagram's text.
    private let awkward = """
        workflow: awkward
        key: AWK
        team: ops
        fields:
          note:  {type: string}
          score: {type: int}
        states:
          open: {initial: true}
          end:  {final: true}
        transitions:
          finish:
            from: open
            to:
              - {when: "note == \\"a|b\\" and score < 3", state: end}
              - {state: end}
            when: 'note != "#x\\\\y" or score > 2'
        """

    @Test func dotMarksTheInitialAndFinalStatesAndLabelsEveryTransition() throws {
        let dot = WorkflowGraph(try Fixtures.complaint()).dot()
        #expect(dot.hasPrefix(#"digraph "complaint-escalation" {"#))
        #expect(dot.hasSuffix("}\n"))
        #expect(dot.contains(#""(start)" [shape=point"#))
        #expect(dot.contains(#""(start)" -> "received";"#))
        #expect(dot.contains(#""received" [label="received", style="rounded,bold"];"#))
        #expect(dot.contains(#""closed" [label="closed", peripheries=2];"#))
        #expect(dot.contains(#""received" -> "acknowledged" [label="acknowledge"];"#))
        // A transition from two states is an edge from each.
        #expect(dot.contains(#""received" -> "investigating" [label="investigate"];"#))
        #expect(dot.contains(#""acknowledged" -> "investigating" [label="investigate"];"#))
        #expect(dot.contains(#""investigating" -> "resolved" [label="resolve\nrequires resolution"];"#))
    }

    @Test func dotDrawsAChoiceAsASmallDiamondWithAWhenOnEachBranch() throws {
        let dot = try riskReview().dot()
        #expect(dot.contains(#""assess?" [shape=diamond, label="", width=0.3, height=0.3, fixedsize=true];"#))
        #expect(dot.contains(#""identified" -> "assess?" [label="assess\nrequires likelihood, impact"];"#))
        #expect(dot.contains(#""assess?" -> "compliance_review" [label="when score >= 15"];"#))
        #expect(dot.contains(#""assess?" -> "choosing_strategy" [label="else"];"#))
        #expect(
            dot.contains(
                #""compliance_review" -> "choosing_strategy" [label="approve_compliance\nroles: manager, admin\nwhen compliance_ok"];"#
            ))
    }

    @Test func dotDrawsATimerAsADashedEdgeLabelledWithItsDelay() throws {
        let dot = try riskReview().dot()
        #expect(dot.contains(#""mitigated" -> "identified" [label="after 90d", style=dashed];"#))
        #expect(dot.contains(#""mitigated" -> "identified" [label="rereview"];"#))
    }

    @Test func dotEscapesQuotesAndBackslashesInLabels() throws {
        let dot = WorkflowGraph(try Fixtures.parse(awkward)).dot()
        #expect(dot.contains(#"[label="when note == \"a|b\" and score < 3"]"#), "\(dot)")
        #expect(dot.contains(##"[label="finish\nwhen note != \"#x\\\\y\" or score > 2"]"##), "\(dot)")
        #expect(dot.contains(#""end" [label="end", peripheries=2];"#))
    }

    @Test func mermaidDrawsTheSameDiagramAsAFlowchart() throws {
        let mermaid = try riskReview().mermaid()
        let lines = mermaid.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(lines.first == "flowchart LR")
        #expect(lines.contains(#"start((" ")):::start"#))
        #expect(lines.contains(#"start --> s_identified"#))
        #expect(lines.contains(#"s_identified("identified"):::initial"#))
        #expect(lines.contains(#"s_closed((("closed")))"#))
        #expect(lines.contains(#"c_assess{" "}"#))
        #expect(lines.contains(#"s_identified -->|"assess<br/>requires likelihood, impact"| c_assess"#))
        #expect(lines.contains(##"c_assess -->|"when score #gt;= 15"| s_compliance_review"##))
        #expect(lines.contains(#"c_assess -->|"else"| s_choosing_strategy"#))
        #expect(lines.contains(#"s_mitigated -.->|"after 90d"| s_identified"#))
    }

    @Test func mermaidEscapesEveryCharacterThatWouldEndALabel() throws {
        let mermaid = WorkflowGraph(try Fixtures.parse(awkward)).mermaid()
        #expect(
            mermaid.contains(##"c_finish -->|"when note == #quot;a#124;b#quot; and score #lt; 3"| s_end"##),
            "\(mermaid)")
        #expect(
            mermaid.contains(##"s_open -->|"finish<br/>when note != #quot;#35;x\\y#quot; or score #gt; 2"| c_finish"##))
        // A state named like a Mermaid keyword cannot end the chart: every identifier is prefixed.
        #expect(!mermaid.contains("\n  end"))
        #expect(mermaid.contains(#"s_end((("end")))"#))
    }

    @Test func theGraphListsEveryStateOnceAndEveryChoiceOnce() throws {
        let graph = try riskReview()
        let states = graph.nodes.filter { if case .state = $0 { true } else { false } }
        #expect(states.count == 5)
        #expect(graph.nodes.filter { $0 == .choice(transition: "assess") }.count == 1)
        #expect(graph.edges.filter { $0.style == .dashed }.count == 1)
    }
}
