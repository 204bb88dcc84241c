import Foundation
import Testing

@testable import Workflow

/// SLA cycles: `restart: {enter: [...]}` starts a new clock once the policy's clock stopped, and
/// `workflow check` refuses a restart the clock could never take.
@Suite("SLA cycles")
struct SLACycleTests {
    static let t0 = Date(timeIntervalSince1970: 1_795_600_000)
    static func at(_ minutes: Double) -> Date { t0.addingTimeInterval(minutes * 60) }

    /// A complaint-like workflow whose `resolution` clock has `restart:` on line 18.
    static func workflow(restart: String) -> String {
        """
        workflow: demo
        key: DEM
        team: ops
        states:
          open: {initial: true}
          working: {}
          resolved: {}
          closed: {final: true}
        transitions:
          start: {from: open, to: working}
          resolve: {from: working, to: resolved}
          reopen: {from: resolved, to: working}
          close: {from: resolved, to: closed}
        slas:
          resolution:
            start: created
            stop: {enter: [resolved, closed]}
            restart: \(restart)
            target: 4h
        """
    }

    static let resolution = SLAPolicy(
        name: "resolution", start: .created, stop: ["resolved", "closed"], restart: ["working"],
        target: .fixed(WorkDuration(seconds: 4 * 3600)), warnPercent: 50,
        escalations: [EscalationLevel(after: WorkDuration(seconds: 0), team: "support-l2")])

    @Test func aPolicyNamesTheStatesThatStartANewCycle() throws {
        let workflow = try Fixtures.parse(Self.workflow(restart: "{enter: [working]}"))
        #expect(workflow.slas.first?.restart == ["working"])
        #expect(try Fixtures.parse(Self.workflow(restart: "{enter: working}")).slas.first?.restart == ["working"])
    }

    @Test func theShippedComplaintWorkflowRestartsResolutionWhenReopened() throws {
        let resolution = try #require(try Fixtures.complaint().slas.first { $0.name == "resolution" })
        #expect(resolution.restart == ["investigating"])
    }

    @Test func aRestartOnAnUnknownStateIsRefusedAtItsLine() {
        let error = Fixtures.loadError(Self.workflow(restart: "{enter: [wroking]}"))
        #expect(error?.line == 18)
        #expect(error?.message == "sla 'resolution' restarts on entering unknown state 'wroking'")
    }

    @Test func aRestartStateThatAlsoStopsTheClockIsRefused() {
        let error = Fixtures.loadError(Self.workflow(restart: "{enter: [resolved]}"))
        #expect(error?.line == 18)
        #expect(
            error?.message
                == "sla 'resolution' restarts on entering 'resolved', which also stops it; "
                + "a new cycle would stop as it starts")
    }

    @Test func aRestartStateTheTaskCannotEnterOnceTheClockStoppedIsRefused() {
        let error = Fixtures.loadError(Self.workflow(restart: "{enter: [open]}"))
        #expect(error?.line == 18)
        #expect(
            error?.message
                == "sla 'resolution' restarts on entering 'open', which the task cannot enter once the clock "
                + "stopped (it stops on entering resolved, closed); list states a transition leads to after a "
                + "stop, such as a reopened task's")
    }

    @Test func aRestartMustBeAMappingOfStates() {
        #expect(
            Fixtures.loadError(Self.workflow(restart: "working"))?.message
                == "sla 'resolution': 'restart' must be {enter: [states]}")
        #expect(Fixtures.loadError(Self.workflow(restart: "{in: [working]}"))?.line == 18)
        #expect(Fixtures.loadError(Self.workflow(restart: "{enter: []}"))?.line == 18)
    }

    @Test func anEscalationMayFireFromAStateTheClockRunsInOnlyAfterARestart() throws {
        // `rework` fires only from `reworking`, entered after the clock stopped: it runs there
        // once restarted.
        let source = """
            workflow: demo
            key: DEM
            team: ops
            states:
              open: {initial: true}
              resolved: {}
              reworking: {}
              closed: {final: true}
            transitions:
              resolve: {from: open, to: resolved}
              reopen: {from: resolved, to: reworking}
              rework: {from: reworking, to: resolved}
              close: {from: resolved, to: closed}
            slas:
              resolution:
                start: created
                stop: {enter: [resolved, closed]}
                restart: {enter: [reworking]}
                target: 4h
                escalate:
                  - {after: 0, fire: rework}
            """
        #expect(try Fixtures.parse(source).slas.first?.escalations.first?.fire == "rework")
    }

    @Test func reopeningAfterTheStopStartsCycleTwoWithItsOwnSteps() throws {
        var clocks = TaskClocks(
            policies: [Self.resolution], clocks: [], calendar: ElapsedTimeCalendar(),
            holder: TaskHolder(team: "support", assignee: "alice"))
        _ = clocks.taskCreated(in: "open", fields: [:], at: Self.at(0))
        #expect(clocks.taskEntered("working", fields: [:], at: Self.at(10)).isEmpty, "cycle 1 still runs")
        let stopped = clocks.taskEntered("resolved", fields: [:], at: Self.at(60))
        #expect(stopped.map(\.kind) == [.met])
        #expect(stopped.first?.clock.heldAtStop == TaskHolder(team: "support", assignee: "alice"))
        #expect(try clocks.nextStep(policy: "resolution") == nil)

        let reopened = clocks.taskEntered("working", fields: [:], at: Self.at(100))
        #expect(reopened.map(\.kind) == [.started])
        #expect(reopened.first?.clock.cycle == 2)
        #expect(reopened.first?.clock.startedAt == Self.at(100))
        let next = try #require(try clocks.nextStep(policy: "resolution"))
        #expect(next.step == .warning && next.at == Self.at(100 + 120), "the warning of cycle 2, from its own start")
        #expect(clocks.all.map(\.cycle) == [1, 2])
        #expect(clocks.all.first?.state == .stopped, "cycle 1 stays as it ended")

        // A step scheduled for cycle 1 does nothing to cycle 2, even one cycle 2 awaits.
        #expect(clocks.apply(.warning, policy: "resolution", cycle: 1, at: next.at) == nil)
        #expect(clocks.apply(.warning, policy: "resolution", cycle: 2, at: next.at)?.kind == .warning)
        let breached = clocks.apply(.breach, policy: "resolution", cycle: 2, at: Self.at(340))
        let breach = try #require(breached)
        #expect(breach.clock.heldAtBreach == TaskHolder(team: "support", assignee: "alice"))
        #expect(breach.clock.cycle == 2)
    }

    @Test func aRunningClockIgnoresItsRestartStatesAndNoCycleStartsWithoutOne() {
        var clocks = TaskClocks(policies: [Self.resolution], clocks: [], calendar: ElapsedTimeCalendar())
        _ = clocks.taskCreated(in: "open", fields: [:], at: Self.at(0))
        #expect(clocks.taskEntered("working", fields: [:], at: Self.at(1)).isEmpty)
        #expect(clocks.all.count == 1)

        let once = SLAPolicy(
            name: "resolution", start: .created, stop: ["resolved"], target: .fixed(.init(seconds: 60)))
        var stays = TaskClocks(policies: [once], clocks: [], calendar: ElapsedTimeCalendar())
        _ = stays.taskCreated(in: "open", fields: [:], at: Self.at(0))
        _ = stays.taskEntered("resolved", fields: [:], at: Self.at(1))
        #expect(stays.taskEntered("working", fields: [:], at: Self.at(2)).isEmpty, "no restart: stays stopped")
        #expect(stays.all.map(\.cycle) == [1])
    }

    @Test func storedCyclesAreReadBackWithTheLatestAsTheCurrentClock() {
        let first = SLAClock(
            policy: "resolution", cycle: 1, state: .stopped, startedAt: Self.at(0), targetSeconds: 60,
            workedSeconds: 30, runningSince: nil, stoppedAt: Self.at(1))
        let second = SLAClock(
            policy: "resolution", cycle: 2, state: .running, startedAt: Self.at(5), targetSeconds: 60,
            workedSeconds: 0, runningSince: Self.at(5))
        let clocks = TaskClocks(policies: [Self.resolution], clocks: [second, first], calendar: ElapsedTimeCalendar())
        #expect(clocks.clocks["resolution"]?.cycle == 2)
        #expect(clocks.all.map(\.cycle) == [1, 2])
    }
}
