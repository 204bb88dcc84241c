import Foundation
import Testing

@testable import Workflow

@Suite("SLA clocks")
struct TaskClocksTests {
    static let t0 = Date(timeIntervalSince1970: 1_795_600_000)
    static func at(_ minutes: Double) -> Date { t0.addingTimeInterval(minutes * 60) }

    /// The resolution clock of the complaint workflow: 4h for p1, 8h for p3; customer time does
    /// not count; two escalation levels.
    static let resolution = SLAPolicy(
        name: "resolution", start: .created, pause: ["waiting_on_customer"], stop: ["resolved", "closed"],
        target: .keyed(
            field: "severity",
            durations: ["p1": WorkDuration(seconds: 4 * 3600), "p3": WorkDuration(seconds: 8 * 3600)]),
        warnPercent: 75,
        escalations: [
            EscalationLevel(after: WorkDuration(seconds: 0), team: "support-l2"),
            EscalationLevel(after: WorkDuration(seconds: 2 * 3600), priority: .set("p1")),
        ])
    static let triage = SLAPolicy(
        name: "triage", start: .entering(["investigating"]), stop: ["resolved"],
        target: .fixed(WorkDuration(seconds: 3600)))

    func clocks() -> TaskClocks {
        TaskClocks(policies: [Self.resolution, Self.triage], clocks: [], calendar: ElapsedTimeCalendar())
    }

    @Test func aClockStepsThroughWarningBreachAndEachEscalationLevel() throws {
        var clocks = clocks()
        let started = clocks.taskCreated(in: "received", fields: ["severity": "p3"], at: Self.at(0))
        #expect(started.map(\.kind) == [.started])
        var steps: [(SLAStep, Date)] = []
        while let next = try clocks.nextStep(policy: "resolution") {
            steps.append((next.step, next.at))
            let change = clocks.apply(next.step, policy: "resolution", at: next.at)
            #expect(change?.clock.state == .running)
        }
        #expect(steps.map(\.0) == [.warning, .breach, .escalation(1), .escalation(2)])
        #expect(steps.map(\.1) == [Self.at(360), Self.at(480), Self.at(480), Self.at(600)])
    }

    @Test func customerTimeDoesNotCountAndDelaysEveryStep() throws {
        var clocks = clocks()
        _ = clocks.taskCreated(in: "received", fields: ["severity": "p1"], at: Self.at(0))
        #expect(clocks.taskEntered("waiting_on_customer", fields: [:], at: Self.at(60)).map(\.kind) == [.paused])
        #expect(try clocks.nextStep(policy: "resolution") == nil)
        #expect(clocks.taskEntered("investigating", fields: [:], at: Self.at(180)).map(\.kind) == [.resumed, .started])
        // 60 of 240 minutes used before the pause; the breach is 180 working minutes after resuming.
        #expect(try clocks.nextStep(policy: "resolution")?.step == .warning)
        #expect(try clocks.nextStep(policy: "resolution")?.at == Self.at(180 + 120))
        let resolution = try #require(clocks.clocks["resolution"])
        #expect(try resolution.dueAt(calendar: ElapsedTimeCalendar()) == Self.at(180 + 180))
        let remaining = resolution.remainingSeconds(at: Self.at(200), calendar: ElapsedTimeCalendar())
        #expect(remaining.map { ($0 - 160 * 60).magnitude < 0.001 } == true)
    }

    @Test func raisingTheSeverityMovesTheDeadlineEarlierFromTheClocksStart() throws {
        var clocks = clocks()
        _ = clocks.taskCreated(in: "received", fields: ["severity": "p3"], at: Self.at(0))
        #expect(try clocks.nextStep(policy: "resolution")?.at == Self.at(360))
        let changes = clocks.fieldsChanged(["severity": "p1"], at: Self.at(300))
        #expect(changes.map(\.kind) == [.retargeted])
        // 300 minutes used against a 240-minute target: the warning (and then the breach) are due at once.
        let next = try #require(try clocks.nextStep(policy: "resolution"))
        #expect(next.step == .warning)
        #expect(next.at <= Self.at(300))
        #expect(try clocks.clocks["resolution"]?.dueAt(calendar: ElapsedTimeCalendar()) == Self.at(240))
        #expect(clocks.fieldsChanged(["severity": "p1"], at: Self.at(301)).isEmpty)
    }

    @Test func stoppingBeforeTheTargetMeetsItAndAfterItDoesNot() throws {
        var met = clocks()
        _ = met.taskCreated(in: "received", fields: ["severity": "p1"], at: Self.at(0))
        let stop = met.taskEntered("resolved", fields: [:], at: Self.at(100))
        #expect(stop.map(\.kind) == [.met])
        #expect(try met.nextStep(policy: "resolution") == nil)

        var late = clocks()
        _ = late.taskCreated(in: "received", fields: ["severity": "p1"], at: Self.at(0))
        _ = late.apply(.warning, policy: "resolution", at: Self.at(180))
        _ = late.apply(.breach, policy: "resolution", at: Self.at(240))
        #expect(late.taskEntered("resolved", fields: [:], at: Self.at(300)).map(\.kind) == [.stopped])
        #expect(late.clocks["resolution"]?.isBreached == true)
        // A stopped clock stays stopped when the task reopens.
        #expect(late.taskEntered("investigating", fields: [:], at: Self.at(310)).map(\.kind) == [.started])
        #expect(late.clocks["resolution"]?.state == .stopped)
    }

    @Test func aStaleStepIsIgnored() throws {
        var clocks = clocks()
        _ = clocks.taskCreated(in: "received", fields: ["severity": "p1"], at: Self.at(0))
        #expect(clocks.apply(.breach, policy: "resolution", at: Self.at(240)) == nil)  // the warning comes first
        _ = clocks.taskEntered("waiting_on_customer", fields: [:], at: Self.at(10))
        #expect(clocks.apply(.warning, policy: "resolution", at: Self.at(180)) == nil)  // paused
        #expect(clocks.apply(.warning, policy: "nope", at: Self.at(180)) == nil)
    }

    @Test func aKeyedTargetWithoutItsFieldRunsWithoutSteps() throws {
        var clocks = clocks()
        _ = clocks.taskCreated(in: "received", fields: [:], at: Self.at(0))
        #expect(clocks.clocks["resolution"]?.targetSeconds == nil)
        #expect(try clocks.nextStep(policy: "resolution") == nil)
        #expect(clocks.fieldsChanged(["severity": "p1"], at: Self.at(30)).map(\.kind) == [.retargeted])
        #expect(try clocks.nextStep(policy: "resolution")?.at == Self.at(180))
    }

    @Test func stoppingAfterTheTargetBeforeTheSchedulerNoticedIsABreachWhenItFellDue() throws {
        var clocks = clocks()
        _ = clocks.taskCreated(in: "received", fields: ["severity": "p1"], at: Self.at(0))
        let changes = clocks.taskEntered("resolved", fields: [:], at: Self.at(300))
        #expect(changes.map(\.kind) == [.breached, .stopped])
        #expect(clocks.clocks["resolution"]?.breachedAt == Self.at(240))
    }
}
