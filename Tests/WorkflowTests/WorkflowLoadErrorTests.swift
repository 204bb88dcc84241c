import Testing

@testable import Workflow

@Suite("Workflow files that do not load")
struct WorkflowLoadErrorTests {
    /// A workflow file that is refused: its source, the line the error points at and what it says.
    struct Refusal: Sendable, CustomTestStringConvertible {
        /// How the expected message is compared with the error's.
        enum Match: Sendable {
            /// The error's message is exactly the expected one.
            case whole
            /// The error's message starts with the expected one.
            case prefix
        }

        /// What the case shows, in test output.
        let name: String
        /// The workflow file.
        let source: String
        /// The 1-based line the error points at.
        let line: Int
        /// The message, or its beginning when `match` is `.prefix`.
        let message: String
        /// How `message` is compared.
        var match = Match.whole

        var testDescription: String { name }
    }

    static let refusals: [Refusal] = [
        Refusal(
            name: "a typo in a target state names the transition and its line",
            source: """
                workflow: risk-review
                key: RSK
                team: risk
                states:
                  draft: {initial: true}
                  approved: {final: true}
                transitions:
                  approve: {from: draft, to: aproved}
                """,
            line: 8,
            message: "transition 'approve' goes to unknown state 'aproved'"
        ),
        Refusal(
            name: "a typo in a source state points at that list item",
            source: """
                workflow: demo
                key: DEM
                team: ops
                states:
                  open: {initial: true}
                  done: {final: true}
                transitions:
                  finish:
                    from:
                      - open
                      - opne
                    to: done
                """,
            line: 11,
            message: "transition 'finish' comes from unknown state 'opne'"
        ),
        Refusal(
            name: "an unknown key is named with the keys that are allowed",
            source: """
                workflow: demo
                key: DEM
                team: ops
                states:
                  open: {initial: true}
                  done: {finale: true}
                transitions:
                  finish: {from: open, to: done}
                """,
            line: 6,
            message:
                "unknown key 'finale' in state 'done' (expected one of: initial, final, title, on_enter, locked_fields, checklist)"
        ),
        Refusal(
            name: "an unknown top-level key is refused",
            source: "workflow: demo\nkey: DEM\nteam: ops\ntransitons: {}\n",
            line: 4,
            message: "unknown key 'transitons' (expected one of: workflow,",
            match: .prefix
        ),
        Refusal(
            name: "a duplicate key points at the repetition",
            source: """
                workflow: demo
                key: DEM
                team: ops
                states:
                  open: {initial: true}
                  done: {final: true}
                  open: {}
                transitions:
                  finish: {from: open, to: done}
                """,
            line: 7,
            message: "duplicate key 'open' (first defined on line 5)"
        ),
        Refusal(
            name: "a duplicate key inside a flow mapping is found on its line",
            source: """
                workflow: demo
                key: DEM
                team: ops
                states:
                  open: {initial: true, initial: false}
                """,
            line: 5,
            message: "duplicate key 'initial' (first defined on line 5)"
        ),
        Refusal(
            name: "a non-boolean flag is refused",
            source: """
                workflow: demo
                key: DEM
                team: ops
                states:
                  open: {initial: yes please}
                """,
            line: 5,
            message: "state 'open': 'initial' must be true or false, not 'yes please'"
        ),
        Refusal(
            name: "two initial states are refused at the second",
            source: """
                workflow: demo
                key: DEM
                team: ops
                states:
                  open: {initial: true}
                  triage: {initial: true}
                  done: {final: true}
                transitions:
                  finish: {from: [open, triage], to: done}
                """,
            line: 6,
            message: "state 'triage' is initial, but so is 'open'; exactly one state must be initial"
        ),
        Refusal(
            name: "a workflow without initial state is refused",
            source: """
                workflow: demo
                key: DEM
                team: ops
                states:
                  open: {}
                  done: {final: true}
                transitions:
                  finish: {from: open, to: done}
                """,
            line: 4,
            message: "no initial state: mark exactly one state with 'initial: true'"
        ),
        Refusal(
            name: "an unreachable state is refused",
            source: """
                workflow: demo
                key: DEM
                team: ops
                states:
                  open: {initial: true}
                  limbo: {}
                  done: {final: true}
                transitions:
                  finish: {from: open, to: done}
                  escape: {from: limbo, to: done}
                """,
            line: 6,
            message: "state 'limbo' cannot be reached from the initial state 'open'"
        ),
        Refusal(
            name: "a dead-end state is refused",
            source: """
                workflow: demo
                key: DEM
                team: ops
                states:
                  open: {initial: true}
                  stuck: {}
                  done: {final: true}
                transitions:
                  finish: {from: open, to: done}
                  wander: {from: open, to: stuck}
                """,
            line: 6,
            message: "state 'stuck' is not final and has no outgoing transition"
        ),
        Refusal(
            name: "a transition out of a final state is refused",
            source: """
                workflow: demo
                key: DEM
                team: ops
                states:
                  open: {initial: true}
                  done: {final: true}
                transitions:
                  finish: {from: open, to: done}
                  undo: {from: done, to: open}
                """,
            line: 9,
            message: "transition 'undo' leaves final state 'done'; final states have no way out"
        ),
        Refusal(
            name: "requiring an undeclared field is refused",
            source: """
                workflow: demo
                key: DEM
                team: ops
                fields:
                  note: {type: text}
                states:
                  open: {initial: true}
                  done: {final: true}
                transitions:
                  finish: {from: open, to: done, require: [notes]}
                """,
            line: 10,
            message: "transition 'finish' requires unknown field 'notes'"
        ),
        Refusal(
            name: "a bad duration is refused",
            source: complaintLike(target: "{by: severity, p1: 30m, p2: 2hours}"),
            line: 15,
            message: "sla 'response' target: 'p2' has invalid duration '2hours' (use e.g. 45s, 30m, 4h, 1d4h)"
        ),
        Refusal(
            name: "a keyed target must use values of the field",
            source: complaintLike(target: "{by: severity, p1: 30m, p4: 2h}"),
            line: 15,
            message: "sla 'response' target has a duration for 'p4', which is not a value of 'severity' (p1, p2)"
        ),
        Refusal(
            name: "a keyed target must cover every value",
            source: complaintLike(target: "{by: severity, p1: 30m}"),
            line: 15,
            message: "sla 'response' target has no duration for severity 'p2'"
        ),
        Refusal(
            name: "a warning must be a percentage",
            source: complaintLike(target: "4h", warn: "100%"),
            line: 16,
            message: "sla 'response': 'warn' must be a percentage between 1% and 99%, e.g. 75%"
        ),
        Refusal(
            name: "an SLA that stops in an unknown state is refused",
            source: complaintLike(target: "4h", stop: "[dne]"),
            line: 14,
            message: "sla 'response' stops on entering unknown state 'dne'"
        ),
        Refusal(
            name: "an enum default outside its values is refused",
            source: """
                workflow: demo
                key: DEM
                team: ops
                fields:
                  severity: {type: enum, values: [p1, p2, p3], default: p4}
                """,
            line: 5,
            message: "field 'severity': invalid default 'p4': must be one of p1, p2, p3"
        ),
        Refusal(
            name: "an int default outside its limits is refused",
            source: """
                workflow: demo
                key: DEM
                team: ops
                fields:
                  score:
                    type: int
                    min: 1
                    default: 0
                """,
            line: 8,
            message: "field 'score': invalid default '0': must be >= 1"
        ),
        Refusal(
            name: "an unknown field type is refused",
            source: "workflow: demo\nkey: DEM\nteam: ops\nfields:\n  note: {type: strnig}\n",
            line: 5,
            message: "field 'note': 'type' is unknown type 'strnig'",
            match: .prefix
        ),
    ]

    @Test func errorsRenderAsFileLineMessage() {
        let error = WorkflowLoadError(file: "workflows/risk-review.yaml", line: 23, message: "boom")
        #expect(error.description == "workflows/risk-review.yaml:23: boom")
    }

    @Test(arguments: refusals)
    func aRefusedWorkflowNamesTheLineAndTheProblem(_ refusal: Refusal) {
        let error = Fixtures.loadError(refusal.source)
        #expect(error?.file == "workflows/demo.yaml")
        #expect(error?.line == refusal.line)
        switch refusal.match {
        case .whole: #expect(error?.message == refusal.message)
        case .prefix: #expect(error?.message.hasPrefix(refusal.message) == true)
        }
    }

    @Test func badNamesAndKeysAreRefused() {
        #expect(
            Fixtures.loadError("workflow: Demo\nkey: DEM\n")?.message
                == "workflow name 'Demo' must use only a-z, 0-9 and '-'")
        #expect(Fixtures.loadError("workflow: demo\nkey: dem\n")?.line == 2)
        #expect(
            Fixtures.loadError("workflow: demo\nkey: DEM\nteam: ops\n")?.message
                == "the workflow is missing 'states'")
    }

    @Test func brokenYAMLIsReportedWithItsLine() {
        let error = Fixtures.loadError("workflow: demo\nkey: DEM\nteam: [ops\n")
        #expect(error?.message.hasPrefix("invalid YAML:") == true)
        #expect(Fixtures.loadError("")?.message == "the file is empty")
    }

    /// A small valid workflow whose SLA section varies; the `target:` line is 15.
    private static func complaintLike(
        target: String, warn: String = "50%", stop: String = "[done]"
    )
        -> String
    {
        """
        workflow: demo
        key: DEM
        team: ops
        fields:
          severity: {type: enum, values: [p1, p2]}
        states:
          open: {initial: true}
          done: {final: true}
        transitions:
          finish: {from: open, to: done}
        slas:
          response:
            start: created
            stop: {enter: \(stop)}
            target: \(target)
            warn: \(warn)
        """
    }
}
