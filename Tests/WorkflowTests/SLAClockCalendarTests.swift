import Foundation
import Testing

@testable import Workflow

/// Clocks on a business calendar: pauses across a weekend and a severity raised mid-clock.
@Suite("SLA clocks on business hours")
struct SLAClockCalendarTests {
    /// Shanghai, Mon–Fri 09:00–18:00 and Sat 10:00–16:00, as workflows/calendars.yaml ships it.
    static let calendar: BusinessCalendar = {
        let source = """
            support-hours:
              timezone: Asia/Shanghai
              hours: {mon-fri: "09:00-18:00", sat: "10:00-16:00"}
            """
        guard let calendar = try? CalendarParser.parse(source, file: "calendars.yaml")["support-hours"] else {
            fatalError("the test calendar does not load")
        }
        return calendar
    }()

    static func at(_ text: String) -> Date {
        guard let date = try? Date(text, strategy: .iso8601) else { fatalError("bad date \(text)") }
        return date
    }

    static let resolution = SLAPolicy(
        name: "resolution", start: .created, pause: ["waiting_on_customer"], stop: ["resolved"],
        target: .keyed(
            field: "severity",
            durations: ["p1": WorkDuration(seconds: 4 * 3600), "p3": WorkDuration(seconds: 3 * 86_400)]))

    func clocks() -> TaskClocks {
        TaskClocks(policies: [Self.resolution], clocks: [], calendar: Self.calendar)
    }

    @Test func aPauseSpanningTheWeekendUsesNoWorkingTime() throws {
        var clocks = clocks()
        // Friday 16:00: two working hours of the p1 target left on Friday, then waiting on the customer.
        _ = clocks.taskCreated(in: "received", fields: ["severity": "p1"], at: Self.at("2026-11-27T16:00:00+08:00"))
        _ = clocks.taskEntered("waiting_on_customer", fields: [:], at: Self.at("2026-11-27T17:00:00+08:00"))
        // The customer answers on Sunday; Saturday's hours passed while paused and do not count.
        _ = clocks.taskEntered("investigating", fields: [:], at: Self.at("2026-11-29T11:00:00+08:00"))
        let clock = clocks.clocks["resolution"]
        #expect(clock?.workedSeconds == 3600)
        // Three working hours left, counted from Monday 09:00.
        #expect(try clock?.dueAt(calendar: Self.calendar) == Self.at("2026-11-30T12:00:00+08:00"))
    }

    @Test func raisingTheSeverityMovesTheDeadlineEarlierAndCanBreachAtOnce() throws {
        var clocks = clocks()
        _ = clocks.taskCreated(in: "received", fields: ["severity": "p3"], at: Self.at("2026-11-23T09:00:00+08:00"))
        // p3: 72 working hours: five 9-hour weekdays, a 6-hour Saturday, Monday, Tuesday, then 3 h on
        // Wednesday 2 December.
        #expect(
            try clocks.clocks["resolution"]?.dueAt(calendar: Self.calendar) == Self.at("2026-12-02T12:00:00+08:00"))
        // Tuesday 10:00, 10 working hours used: p1 (4 h) is already past, so the breach is due now.
        _ = clocks.fieldsChanged(["severity": "p1"], at: Self.at("2026-11-24T10:00:00+08:00"))
        #expect(
            try clocks.clocks["resolution"]?.dueAt(calendar: Self.calendar) == Self.at("2026-11-23T13:00:00+08:00"))
        let next = try clocks.nextStep(policy: "resolution")
        #expect(next?.step == .breach)
        #expect(next.map { $0.at <= Self.at("2026-11-24T10:00:00+08:00") } == true)
    }
}
