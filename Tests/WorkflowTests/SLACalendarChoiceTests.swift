import Foundation
import Testing

@testable import Workflow

/// A policy's own calendar (`calendar: {by: severity, p1: 24x7, default: support-hours}`): read
/// and checked like a keyed target, kept by each clock, and durations in days refused where a day
/// of working time is not a day.
@Suite("SLA calendars by field")
struct SLACalendarChoiceTests {
    private typealias F = CalendarFixtures

    static func workflow(calendar: String, target: String = "{by: severity, p1: 30m, p3: 8h}") -> String {
        """
        workflow: desk
        key: DSK
        team: support
        calendar: support-hours
        fields:
          severity: {type: enum, values: [p1, p3], default: p3}
          channel:  {type: string}
        states:
          open: {initial: true}
          done: {final: true}
        transitions:
          finish: {from: open, to: done}
        slas:
          response:
            start: created
            stop: {enter: [done]}
            target: \(target)
            calendar: \(calendar)
            escalate:
              - {after: 1h, priority: raise}
        """
    }

    static func problems(_ workflow: String) -> [String] {
        do throws(WorkflowLoadErrors) {
            _ = try WorkflowLibrary(files: [
                WorkflowSourceFile(path: "w/calendars.yaml", text: F.sample),
                WorkflowSourceFile(path: "w/desk.yaml", text: workflow),
            ])
            return []
        } catch {
            return error.errors.map(\.description)
        }
    }

    @Test func aPolicyNamesOneCalendarOrOnePerValueOfAField() throws {
        let named = try Fixtures.parse(Self.workflow(calendar: "24x7"))
        #expect(named.slas.first?.calendar == .named("24x7"))
        let keyed = try Fixtures.parse(Self.workflow(calendar: "{by: severity, p1: 24x7, default: support-hours}"))
        let choice = try #require(keyed.slas.first?.calendar)
        #expect(choice.calendarName(for: ["severity": "p1"]) == "24x7")
        #expect(choice.calendarName(for: ["severity": "p3"]) == "support-hours")
        #expect(choice.calendarName(for: [:]) == "support-hours")
        // Without a default, the values not listed count in the workflow's calendar.
        let partial = try Fixtures.parse(Self.workflow(calendar: "{by: severity, p1: 24x7}"))
        #expect(partial.slas.first?.calendar?.calendarName(for: ["severity": "p3"]) == nil)
    }

    @Test(arguments: [
        ("{by: level, p1: 24x7}", "w/desk.yaml:18: sla 'response' calendar is keyed by unknown field 'level'"),
        (
            "{by: channel, p1: 24x7}",
            "w/desk.yaml:18: sla 'response' calendar is keyed by 'channel', which is not an enum field"
        ),
        (
            "{by: severity, p2: 24x7}",
            "w/desk.yaml:18: sla 'response' calendar has a calendar for 'p2', which is not a value of 'severity' "
                + "(p1, p3); use 'default' for the rest"
        ),
        (
            "{by: severity, default: 24x7}",
            "w/desk.yaml:18: sla 'response' calendar {by: severity} names no calendar for any value of 'severity'"
        ),
        (
            "{by: severity, p1: Round The Clock}",
            "w/desk.yaml:18: sla 'response' calendar name 'Round The Clock' must use only a-z, 0-9 and '-'"
        ),
    ])
    func aCalendarChoiceThatDoesNotFitTheFieldsIsRefusedOnItsLine(calendar: String, message: String) {
        #expect(Self.problems(Self.workflow(calendar: calendar)) == [message])
    }

    @Test func everyCalendarAPolicyNamesMustBeDefined() {
        #expect(
            Self.problems(Self.workflow(calendar: "{by: severity, p1: always, default: support-hours}")) == [
                "w/desk.yaml:18: calendar 'always' is not defined in calendars.yaml (known: 24x7, support-hours)"
            ])
    }

    @Test func daysAreRefusedWhereTheClockMayCountInOfficeHours() {
        // p3 counts in support-hours, where `3d` would be 72 working hours: eight working days.
        let refused = Self.problems(
            Self.workflow(
                calendar: "{by: severity, p1: 24x7, default: support-hours}",
                target: "{by: severity, p1: 1d, p3: 3d}"))
        #expect(
            refused == [
                "w/desk.yaml:17: sla 'response' has duration '3d' in days, but counts in calendar 'support-hours', "
                    + "which is not round the clock: a day of working time is 24 working hours there, not a working "
                    + "day; write it in hours (a working day of 'support-hours' is 9h on mon-fri)"
            ])
        // p1 counts round the clock: `1d` there is a day. An escalation's `after` applies to every
        // severity, so it is checked against every calendar the policy may use.
        #expect(
            Self.problems(
                Self.workflow(
                    calendar: "{by: severity, p1: 24x7, default: support-hours}",
                    target: "{by: severity, p1: 1d, p3: 27h}")) == [])
        let escalation = Self.problems(
            Self.workflow(calendar: "{by: severity, p1: 24x7, default: support-hours}").replacingOccurrences(
                of: "after: 1h", with: "after: 1d"))
        #expect(escalation.count == 1)
        #expect(escalation.first?.hasPrefix("w/desk.yaml:20: sla 'response' has duration '1d' in days") == true)
        // A policy that counts round the clock whatever the severity may write days.
        #expect(Self.problems(Self.workflow(calendar: "24x7", target: "2d")) == [])
    }

    /// A new task's clocks under `calendar: {by: severity, p1: 24x7, default: support-hours}`.
    static func bySeverity() throws -> TaskClocks {
        let definition = try Fixtures.parse(workflow(calendar: "{by: severity, p1: 24x7, default: support-hours}"))
        let support = try F.calendar(F.sample, name: "support-hours")
        let calendars = SLACalendars(
            workflow: support, workflowName: "support-hours",
            named: { $0 == "24x7" ? BusinessCalendar.twentyFourSeven : support })
        return TaskClocks(policies: definition.slas, clocks: [], calendars: calendars)
    }

    @Test func aClockKeepsTheCalendarItsFieldPickedAndCountsInIt() throws {
        // Saturday 23:00 in Shanghai: support hours are over until Monday 09:00.
        let saturdayNight = F.at("2026-11-28T23:00:00+08:00")
        var urgent = try Self.bySeverity()
        _ = urgent.taskCreated(in: "open", fields: ["severity": "p1"], at: saturdayNight)
        #expect(urgent.clocks["response"]?.calendar == "24x7")
        #expect(try urgent.nextStep(policy: "response")?.at == F.at("2026-11-28T23:30:00+08:00"))
        var routine = try Self.bySeverity()
        _ = routine.taskCreated(in: "open", fields: ["severity": "p3"], at: saturdayNight)
        #expect(routine.clocks["response"]?.calendar == "support-hours")
        #expect(try routine.nextStep(policy: "response")?.at == F.at("2026-11-30T17:00:00+08:00"))
    }

    @Test func raisingTheSeverityCountsTheRestInTheNewCalendar() throws {
        var clocks = try Self.bySeverity()
        // Saturday 15:50 as p3: ten working minutes until support hours end for the weekend.
        _ = clocks.taskCreated(in: "open", fields: ["severity": "p3"], at: F.at("2026-11-28T15:50:00+08:00"))
        // Saturday 23:00 it becomes p1: the ten minutes stay counted, the other twenty run now,
        // round the clock, rather than from Monday 09:00.
        let changes = clocks.fieldsChanged(["severity": "p1"], at: F.at("2026-11-28T23:00:00+08:00"))
        #expect(changes.map(\.kind) == [.retargeted])
        let clock = try #require(clocks.clocks["response"])
        #expect(clock.calendar == "24x7")
        #expect(clock.workedSeconds == 600)
        #expect(try clocks.nextStep(policy: "response")?.at == F.at("2026-11-28T23:20:00+08:00"))
        // Back to p3 on Sunday 01:00: the hours since 23:00 counted round the clock (30 min at
        // most matter), the rest waits for Monday's support hours again.
        _ = clocks.fieldsChanged(["severity": "p3"], at: F.at("2026-11-29T01:00:00+08:00"))
        #expect(clocks.clocks["response"]?.calendar == "support-hours")
        let worked = try #require(clocks.clocks["response"]?.workedSeconds)
        #expect(worked == 600 + 2 * 3600, "\(worked.debugDescription)")
    }
}
