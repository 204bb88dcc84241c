import Foundation
import Testing

@testable import Workflow

/// A deadline must be a time RFC 3339 writes, with a four-digit year: working-time arithmetic
/// refuses one after 9999-12-31 with ``DeadlineError`` (quickly, without walking there), and a
/// workflow whose SLA would always fall due that late on its calendar is refused when checked.
@Suite struct DeadlineRangeTests {
    private typealias F = CalendarFixtures

    /// Ten years of working time on this calendar take some hundred thousand years.
    static let calendars = """
        one-minute:
          timezone: UTC
          hours: {sun: "00:00-00:01"}
        santiago-minute:
          timezone: America/Santiago
          hours: {sun: "00:00-00:01"}
        """

    static func workflow(target: String, escalateAfter: String? = nil) -> String {
        let escalation = escalateAfter.map { ", escalate: [{after: \($0), priority: raise}]" } ?? ""
        return """
            workflow: slow
            key: SLW
            team: support
            calendar: one-minute
            states:
              open: {initial: true}
              done: {final: true}
            transitions:
              finish: {from: open, to: done}
            slas:
              resolution: {start: created, stop: {enter: [done]}, target: \(target)\(escalation)}
            """
    }

    @Test(arguments: ["one-minute", "santiago-minute"])
    func tenYearsOfWorkingTimeOnAMinuteAWeekAreRefusedWithoutWalkingThere(calendar name: String) throws {
        let calendar = try F.calendar(Self.calendars, name: name)
        let started = ContinuousClock.now
        #expect(throws: DeadlineError.afterYear9999) {
            try calendar.due(from: F.at("2026-11-20T09:00:00Z"), adding: WorkDuration.longest)
        }
        #expect(ContinuousClock.now - started < .seconds(20))
        // A month of working time is some six centuries of Sundays: given.
        let due = try calendar.due(from: F.at("2026-11-20T09:00:00Z"), adding: 30 * 86_400)
        #expect(RFC3339.format(due).hasPrefix("28"))
    }

    @Test func aDeadlineAfter9999IsRefusedAndOneBeforeIsGiven() throws {
        let start = F.at("9999-12-30T00:00:00Z")
        let calendars: [any WorkingCalendar] = [BusinessCalendar.twentyFourSeven, ElapsedTimeCalendar()]
        for calendar in calendars {
            #expect(try calendar.due(from: start, adding: 86_400) == F.at("9999-12-31T00:00:00Z"))
            #expect(try calendar.due(from: start, adding: 2 * 86_400 - 1) == F.at("9999-12-31T23:59:59Z"))
            #expect(throws: DeadlineError.afterYear9999) { try calendar.due(from: start, adding: 2 * 86_400) }
            #expect(throws: DeadlineError.afterYear9999) { try calendar.due(from: start, adding: .infinity) }
        }
    }

    @Test func aStartRFC3339CannotWriteIsRefused() {
        let starts = [Date(timeIntervalSince1970: RFC3339.earliestSeconds - 1), Date(timeIntervalSince1970: .nan)]
        for start in starts {
            #expect(throws: DeadlineError.startOutOfRange) {
                try BusinessCalendar.twentyFourSeven.due(from: start, adding: 60)
            }
            #expect(throws: DeadlineError.startOutOfRange) { try ElapsedTimeCalendar().due(from: start, adding: 60) }
        }
    }

    @Test func aClockThatWouldFallDueAfter9999SaysSoRatherThanGivingAWrongDate() throws {
        let calendar = try F.calendar(Self.calendars, name: "one-minute")
        let policy = SLAPolicy(
            name: "resolution", start: .created, stop: ["done"], target: .fixed(WorkDuration.longest))
        var clocks = TaskClocks(policies: [policy], clocks: [], calendar: calendar)
        let changes = clocks.taskCreated(in: "open", fields: [:], at: F.at("2026-11-20T09:00:00Z"))
        #expect(changes.map(\.kind) == [.started])
        #expect(throws: DeadlineError.afterYear9999) { try clocks.nextStep(policy: "resolution") }
        #expect(throws: DeadlineError.afterYear9999) { try clocks.clocks["resolution"]?.dueAt(calendar: calendar) }
    }

    @Test func aWorkflowWhoseSLAWouldAlwaysFallDueAfter9999IsRefusedAtItsCalendar() throws {
        func problems(_ workflow: String) -> [String] {
            do throws(WorkflowLoadErrors) {
                _ = try WorkflowLibrary(files: [
                    WorkflowSourceFile(path: "w/calendars.yaml", text: Self.calendars),
                    WorkflowSourceFile(path: "w/slow.yaml", text: workflow),
                ])
                return []
            } catch {
                return error.errors.map(\.description)
            }
        }
        #expect(
            problems(Self.workflow(target: "87600h")) == [
                "w/slow.yaml:4: calendar 'one-minute' has too little working time for SLA 'resolution': 3650d of "
                    + "working time would fall due after 9999-12-31, the last year RFC 3339 can write, whenever the "
                    + "clock starts"
            ])
        // The last escalation level counts too.
        #expect(problems(Self.workflow(target: "1h", escalateAfter: "87600h")).first?.contains("3650d1h") == true)
        #expect(problems(Self.workflow(target: "720h", escalateAfter: "24h")) == [])
        // So does a server checking a document against its calendars.
        let calendar = try F.calendar(Self.calendars, name: "one-minute")
        let update = WorkflowUpdateCheck(existing: [], calendars: [calendar, .twentyFourSeven])
        #expect(
            update.problems(of: WorkflowSourceFile(path: "slow.yaml", text: Self.workflow(target: "87600h"))).count == 1
        )
        // A calendar known by name only cannot be judged.
        let byName = WorkflowUpdateCheck(existing: [], calendars: ["one-minute"])
        #expect(byName.problems(of: WorkflowSourceFile(path: "slow.yaml", text: Self.workflow(target: "87600h"))) == [])
    }
}
