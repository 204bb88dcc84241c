import Testing

@testable import Workflow

/// A workflow file with several problems has all of them reported in one run, each on its line,
/// and nothing that only follows from another.
@Suite("Every problem of a workflow file at once")
struct EveryProblemTests {
    /// Five independent mistakes: an unknown field type (line 6), a state declared twice (11), an
    /// unknown target state (13), a guard that does not parse (14) and a bad duration (18).
    static let fiveProblems = """
        workflow: incident-review
        key: INC
        team: ops
        fields:
          severity: {type: enum, values: [p1, p2]}
          impact:   {type: number}
        states:
          open:   {initial: true}
          triage: {}
          done:   {final: true}
          triage: {title: Triage again}
        transitions:
          start:    {from: open, to: triaged}
          escalate: {from: triage, to: triage, when: "severity == 'p1' and"}
          finish:   {from: [open, triage], to: done, require: [impact]}
        timers:
          - {in: triage, after: 1d, fire: escalate}
          - {in: triage, after: 3 days, fire: finish}
        """

    @Test func fiveIndependentProblemsAreAllReportedInOneRun() {
        #expect(throws: WorkflowLoadErrors.self) {
            try WorkflowParser.parse(Self.fiveProblems, file: "workflows/demo.yaml")
        }
        let problems = Self.problems(Self.fiveProblems)
        #expect(problems.map(\.line) == [6, 11, 13, 14, 18], "\(problems)")
        #expect(problems.allSatisfy { $0.file == "workflows/demo.yaml" })
        #expect(problems.first?.message.hasPrefix("field 'impact': 'type' is unknown type 'number'") == true)
        #expect(problems.dropFirst(1).first?.message == "duplicate key 'triage' (first defined on line 9)")
        #expect(problems.dropFirst(2).first?.message == "transition 'start' goes to unknown state 'triaged'")
        #expect(
            problems.dropFirst(3).first?.message
                == "transition 'escalate': 'when' 'severity == 'p1' and': expected a value after 'and' (column 21)")
        #expect(
            problems.dropFirst(4).first?.message
                == "timer 2: 'after' has invalid duration '3 days' (use e.g. 45s, 30m, 4h, 1d4h)")
    }

    @Test func everyUnknownKeyOfAMappingIsReported() {
        let problems = Self.problemsOfDemo(
            """
            states:
              open: {initial: true, titel: Open, colour: red}
              done: {final: true}
            transitions:
              finish: {from: open, to: done}
            """)
        #expect(problems.map(\.line) == [5, 5], "\(problems)")
        #expect(problems.map { $0.message.prefix(22) } == ["unknown key 'titel' in", "unknown key 'colour' i"])
    }

    @Test func aKeyRepeatedTwiceIsReportedAtEachRepetition() {
        let problems = Self.problemsOfDemo(
            """
            states:
              open: {initial: true}
              done: {final: true}
            transitions:
              finish: {from: open, to: done}
              finish: {from: open, to: done}
              finish: {from: open, to: done}
            """)
        #expect(problems.map(\.line) == [9, 10], "\(problems)")
        #expect(problems.allSatisfy { $0.message == "duplicate key 'finish' (first defined on line 8)" })
    }

    /// A guard's problem leaves the machine's shape known, so a state nobody reaches is reported
    /// in the same run.
    @Test func theMachineIsCheckedWhenOnlyAGuardHasAProblem() {
        let problems = Self.problemsOfDemo(
            """
            states:
              open:  {initial: true}
              limbo: {}
              done:  {final: true}
            transitions:
              finish: {from: open, to: done, roles: [boss]}
              escape: {from: limbo, to: done}
            """)
        #expect(problems.map(\.line) == [6, 9], "\(problems)")
        #expect(problems.first?.message == "state 'limbo' cannot be reached from the initial state 'open'")
    }

    /// Requiring a field whose type is wrong, a timer firing a transition with a problem, an SLA
    /// keyed by such a field and a guard reading it: only the field's and the transition's own
    /// problems are reported.
    @Test func referencesToDefinitionsWithProblemsAreNotReportedAgain() {
        let problems = Self.problemsOfDemo(
            """
            fields:
              level: {type: enum}
            states:
              open: {initial: true}
              done: {final: true}
            transitions:
              finish: {from: open, to: done, require: [level], when: "level == 'high'"}
              close:  {from: open, to: done, title: [not, text]}
            timers:
              - {in: open, after: 1d, fire: close}
            slas:
              response:
                start: created
                stop: {enter: [done]}
                target: {by: level, high: 1h, low: 1d}
            """)
        #expect(problems.map(\.line) == [5, 11], "\(problems)")
    }

    /// Every problem of `source`, in line order.
    private static func problems(_ source: String) -> [WorkflowLoadError] {
        WorkflowLoadErrors(Fixtures.loadErrors(source)).errors
    }

    /// Every problem of workflow `demo` (key `DEM`, team `ops`) with `sections` from line 4 on,
    /// in line order.
    private static func problemsOfDemo(_ sections: String) -> [WorkflowLoadError] {
        problems("workflow: demo\nkey: DEM\nteam: ops\n" + sections)
    }
}
