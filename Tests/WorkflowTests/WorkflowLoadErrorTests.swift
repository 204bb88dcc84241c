import Testing

@testable import Workflow

@Suite("Workflow files that do not load")
struct WorkflowLoadErrorTests {
    @Test func errorsRenderAsFileLineMessage() {
        let error = WorkflowLoadError(file: "workflows/risk-review.yaml", line: 23, message: "boom")
        #expect(error.description == "workflows/risk-review.yaml:23: boom")
    }

    @Test func aTypoInATargetStateNamesTheTransitionAndItsLine() {
        let error = Fixtures.loadError(
            """
            workflow: risk-review
            key: RSK
            team: risk
            states:
              draft: {initial: true}
              approved: {final: true}
            transitions:
              approve: {from: draft, to: aproved}
            """
        )
        #expect(
            error?.description
                == "workflows/demo.yaml:8: transition 'approve' goes to unknown state 'aproved'")
    }

    @Test func aTypoInASourceStatePointsAtThatListItem() {
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
                from:
                  - open
                  - opne
                to: done
            """
        )
        #expect(error?.line == 11)
        #expect(error?.message == "transition 'finish' comes from unknown state 'opne'")
    }

    @Test func anUnknownKeyIsNamedWithTheKeysThatAreAllowed() {
        let error = Fixtures.loadError(
            """
            workflow: demo
            key: DEM
            team: ops
            states:
              open: {initial: true}
              done: {finale: true}
            transitions:
              finish: {from: open, to: done}
            """
        )
        #expect(error?.line == 6)
        #expect(
            error?.message
                == "unknown key 'finale' in state 'done' (expected one of: initial, final, title)")
    }

    @Test func anUnknownTopLevelKeyIsRefused() {
        let error = Fixtures.loadError("workflow: demo\nkey: DEM\nteam: ops\ntransitons: {}\n")
        #expect(error?.line == 4)
        #expect(
            error?.message.hasPrefix("unknown key 'transitons' (expected one of: workflow,") == true)
    }

    @Test func aDuplicateKeyPointsAtTheRepetition() {
        let error = Fixtures.loadError(
            """
            workflow: demo
            key: DEM
            team: ops
            states:
              open: {initial: true}
              done: {final: true}
              open: {}
            transitions:
              finish: {from: open, to: done}
            """
        )
        #expect(error?.line == 7)
        #expect(error?.message == "duplicate key 'open' (first defined on line 5)")
    }

    @Test func aDuplicateKeyInsideAFlowMappingIsFoundOnItsLine() {
        let error = Fixtures.loadError(
            """
            workflow: demo
            key: DEM
            team: ops
            states:
              open: {initial: true, initial: false}
            """
        )
        #expect(error?.line == 5)
        #expect(error?.message == "duplicate key 'initial' (first defined on line 5)")
    }

    @Test func aNonBooleanFlagIsRefused() {
        let error = Fixtures.loadError(
            """
            workflow: demo
            key: DEM
            team: ops
            states:
              open: {initial: yes please}
            """
        )
        #expect(error?.line == 5)
        #expect(error?.message == "state 'open': 'initial' must be true or false, not 'yes please'")
    }

    @Test func twoInitialStatesAreRefusedAtTheSecond() {
        let error = Fixtures.loadError(
            """
            workflow: demo
            key: DEM
            team: ops
            states:
              open: {initial: true}
              triage: {initial: true}
              done: {final: true}
            transitions:
              finish: {from: [open, triage], to: done}
            """
        )
        #expect(error?.line == 6)
        #expect(
            error?.message
                == "state 'triage' is initial, but so is 'open'; exactly one state must be initial")
    }

    @Test func aWorkflowWithoutInitialStateIsRefused() {
        let error = Fixtures.loadError(
            """
            workflow: demo
            key: DEM
            team: ops
            states:
              open: {}
              done: {final: true}
            transitions:
              finish: {from: open, to: done}
            """
        )
        #expect(error?.line == 4)
        #expect(error?.message == "no initial state: mark exactly one state with 'initial: true'")
    }

    @Test func anUnreachableStateIsRefused() {
        let error = Fixtures.loadError(
            """
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
            """
        )
        #expect(error?.line == 6)
        #expect(error?.message == "state 'limbo' cannot be reached from the initial state 'open'")
    }

    @Test func aDeadEndStateIsRefused() {
        let error = Fixtures.loadError(
            """
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
            """
        )
        #expect(error?.line == 6)
        #expect(error?.message == "state 'stuck' is not final and has no outgoing transition")
    }

    @Test func aTransitionOutOfAFinalStateIsRefused() {
        let error = Fixtures.loadError(
            """
            workflow: demo
            key: DEM
            team: ops
            states:
              open: {initial: true}
              done: {final: true}
            transitions:
              finish: {from: open, to: done}
              undo: {from: done, to: open}
            """
        )
        #expect(error?.line == 9)
        #expect(
            error?.message == "transition 'undo' leaves final state 'done'; final states have no way out")
    }

    @Test func requiringAnUndeclaredFieldIsRefused() {
        let error = Fixtures.loadError(
            """
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
            """
        )
        #expect(error?.line == 10)
        #expect(error?.message == "transition 'finish' requires unknown field 'notes'")
    }

    @Test func aBadDurationIsRefused() {
        let error = Fixtures.loadError(complaintLike(target: "{by: severity, p1: 30m, p2: 2hours}"))
        #expect(error?.line == 15)
        #expect(
            error?.message
                == "sla 'response' target: 'p2' has invalid duration '2hours' (use e.g. 45s, 30m, 4h, 1d4h)"
        )
    }

    @Test func aKeyedTargetMustUseValuesOfTheField() {
        let error = Fixtures.loadError(complaintLike(target: "{by: severity, p1: 30m, p4: 2h}"))
        #expect(error?.line == 15)
        #expect(
            error?.message
                == "sla 'response' target has a duration for 'p4', which is not a value of 'severity' (p1, p2)"
        )
    }

    @Test func aKeyedTargetMustCoverEveryValue() {
        let error = Fixtures.loadError(complaintLike(target: "{by: severity, p1: 30m}"))
        #expect(error?.line == 15)
        #expect(error?.message == "sla 'response' target has no duration for severity 'p2'")
    }

    @Test func aWarningMustBeAPercentage() {
        let error = Fixtures.loadError(complaintLike(target: "4h", warn: "100%"))
        #expect(error?.line == 16)
        #expect(
            error?.message == "sla 'response': 'warn' must be a percentage between 1% and 99%, e.g. 75%")
    }

    @Test func anSLAThatStopsInAnUnknownStateIsRefused() {
        let error = Fixtures.loadError(complaintLike(target: "4h", stop: "[dne]"))
        #expect(error?.line == 14)
        #expect(error?.message == "sla 'response' stops on entering unknown state 'dne'")
    }

    @Test func anEnumDefaultOutsideItsValuesIsRefused() {
        let error = Fixtures.loadError(
            """
            workflow: demo
            key: DEM
            team: ops
            fields:
              severity: {type: enum, values: [p1, p2, p3], default: p4}
            """
        )
        #expect(error?.line == 5)
        #expect(error?.message == "field 'severity': invalid default 'p4': must be one of p1, p2, p3")
    }

    @Test func anIntDefaultOutsideItsLimitsIsRefused() {
        let error = Fixtures.loadError(
            """
            workflow: demo
            key: DEM
            team: ops
            fields:
              score:
                type: int
                min: 1
                default: 0
            """
        )
        #expect(error?.line == 8)
        #expect(error?.message == "field 'score': invalid default '0': must be >= 1")
    }

    @Test func anUnknownFieldTypeIsRefused() {
        let error = Fixtures.loadError(
            "workflow: demo\nkey: DEM\nteam: ops\nfields:\n  note: {type: strnig}\n")
        #expect(error?.line == 5)
        #expect(error?.message.hasPrefix("field 'note': 'type' is unknown type 'strnig'") == true)
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
    private func complaintLike(
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
