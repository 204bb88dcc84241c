import Testing

@testable import Workflow

@Suite("SLA escalations")
struct EscalationTests {
    /// A workflow whose `response` SLA escalates by firing `fire`; the escalation is on line 18.
    private static func escalating(fire: String, stop: String = "[done]") -> String {
        """
        workflow: demo
        key: DEM
        team: ops
        states:
          open: {initial: true}
          working: {}
          done: {final: true}
        transitions:
          start: {from: open, to: working}
          finish: {from: working, to: done}
          escalate: {from: open, to: working}
        slas:
          response:
            start: created
            stop: {enter: \(stop)}
            target: 4h
            escalate:
              - {after: 0, fire: \(fire)}
        """
    }

    @Test func anEscalationMayFireATransitionWhileTheClockRuns() throws {
        let workflow = try Fixtures.parse(Self.escalating(fire: "escalate", stop: "[working]"))
        #expect(workflow.slas.first?.escalations.first?.fire == "escalate")
    }

    @Test func anEscalationFiringAnUnknownTransitionIsRefused() {
        let error = Fixtures.loadError(Self.escalating(fire: "escalte"))
        #expect(error?.line == 18)
        #expect(error?.message == "sla 'response' escalation fires unknown transition 'escalte'")
    }

    @Test func anEscalationFiringATransitionThatCannotLeaveAnyRunningStateIsRefused() {
        let error = Fixtures.loadError(Self.escalating(fire: "finish", stop: "[working]"))
        #expect(error?.line == 18)
        #expect(
            error?.message
                == "sla 'response' escalation fires 'finish', which cannot fire while the clock runs "
                + "(only from working; the clock runs in open)")
    }

    @Test func theClockRunsInEveryStateBetweenItsStartAndItsStop() {
        let workflow = try? Fixtures.parse(Self.escalating(fire: "finish"))
        let scope = MachineShape(
            states: (workflow?.states ?? []).map { Located(value: $0, line: 1) },
            transitions: workflow?.transitions ?? [])
        #expect(SLAClockReach.states(start: .created, stop: ["done"], in: scope) == ["open", "working"])
        #expect(SLAClockReach.states(start: .entering(["working"]), stop: ["done"], in: scope) == ["working"])
        #expect(SLAClockReach.states(start: .created, stop: ["open"], in: scope) == [])
    }
}
