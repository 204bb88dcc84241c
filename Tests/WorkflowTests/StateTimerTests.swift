import Testing

@testable import Workflow

@Suite("Timers")
struct StateTimerTests {
    /// A workflow with `wait` and `close` transitions and one timer line (line 12).
    private static func timed(_ timer: String) -> String {
        """
        workflow: demo
        key: DEM
        team: ops
        states:
          open: {initial: true}
          waiting: {}
          done: {final: true}
        transitions:
          wait: {from: open, to: waiting}
          close: {from: [open, waiting], to: done}
        timers:
          - \(timer)
        """
    }

    @Test func aTimerFiresATransitionAfterADelayInAState() throws {
        let workflow = try WorkflowParser.parse(Fixtures.riskReview.text, file: Fixtures.riskReview.path)
        let rereview = StateTimer(state: "mitigated", after: WorkDuration(seconds: 90 * 86_400), fire: "rereview")
        #expect(workflow.timers == [rereview])
        #expect(workflow.timers(in: "mitigated") == [rereview])
        #expect(workflow.timers(in: "identified") == [])
    }

    @Test func aWorkflowWithoutTimersHasNone() throws {
        let file = Fixtures.minimal("demo", key: "DEM")
        #expect(try WorkflowParser.parse(file.text, file: file.path).timers == [])
    }

    @Test(
        arguments: [
            (
                "{in: waiting, after: 5d, fire: auto_close}",
                "timer 1 in 'waiting' fires unknown transition 'auto_close'"
            ),
            ("{in: wiating, after: 5d, fire: close}", "timer 1 runs in unknown state 'wiating'"),
            (
                "{in: done, after: 5d, fire: close}",
                "timer 1 runs in final state 'done'; nothing can fire from a final state"
            ),
            (
                "{in: waiting, after: 5d, fire: wait}",
                "timer 1 in 'waiting' fires 'wait', which cannot fire from 'waiting' (only from open)"
            ),
            ("{in: waiting, after: 0, fire: close}", "timer 1 in 'waiting': 'after' must be longer than 0"),
            (
                "{in: waiting, after: 5days, fire: close}",
                "timer 1: 'after' has invalid duration '5days' (use e.g. 45s, 30m, 4h, 1d4h)"
            ),
            (
                "{in: waiting, after: 5d, fire: close, every: 1d}",
                "unknown key 'every' in timer 1 (expected one of: in, after, fire)"
            ),
        ] as [(String, String)])
    func aTimerThatCannotFireIsRefused(timer: String, message: String) {
        let error = Fixtures.loadError(Self.timed(timer))
        #expect(error?.line == 12)
        #expect(error?.message == message)
    }

    @Test func aTimerOnAnUnknownTransitionNamesTheTransition() {
        let error = Fixtures.loadError(
            """
            workflow: demo
            key: DEM
            team: ops
            states:
              open: {initial: true}
              waiting: {}
              done: {final: true}
            transitions:
              wait: {from: open, to: waiting}
              close: {from: waiting, to: done}
            timers:
              - in: waiting
                after: 5d
                fire: auto_close
            """)
        #expect(error?.line == 14)
        #expect(error?.message == "timer 1 in 'waiting' fires unknown transition 'auto_close'")
    }

    @Test func theSameTimerTwiceIsRefused() {
        let error = Fixtures.loadError(
            Self.timed("{in: waiting, after: 5d, fire: close}\n  - {in: waiting, after: 6d, fire: close}"))
        #expect(error?.line == 13)
        #expect(error?.message == "timer 2 repeats an earlier timer that fires 'close' in 'waiting'")
    }
}
