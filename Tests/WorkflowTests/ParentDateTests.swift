import Foundation
import Testing

@testable import Workflow

/// Dates relative to a parent: a spawn's `dates:` and an SLA `target: {deadline: field}`.
@Suite("Dates relative to a parent")
struct ParentDateTests {
    static let calendar = ScheduleTests.supportHours

    @Test(arguments: [
        ("launch_date - 5d", ParentDate(field: "launch_date", workingDays: -5)),
        ("launch_date + 2d", ParentDate(field: "launch_date", workingDays: 2)),
        ("launch_date", ParentDate(field: "launch_date", workingDays: 0)),
    ])
    func rulesRead(text: String, rule: ParentDate) {
        #expect(ParentDate(parsing: text) == rule)
        #expect(rule.description == text)
    }

    @Test(arguments: [
        "launch_date - 5h", "Launch - 1d", "launch_date -5d", "launch_date * 2d", "", "launch_date - -1d",
    ])
    func rulesThatDoNotRead(text: String) {
        #expect(ParentDate(parsing: text) == nil)
    }

    @Test func workingDaysSkipDaysWithoutHours() {
        let launch = CalendarDay(parsing: "2026-12-14")!  // a Monday
        #expect(
            ParentDate(field: "d", workingDays: -5).day(from: launch, in: Self.calendar)
                == CalendarDay(parsing: "2026-12-07"))
        #expect(
            ParentDate(field: "d", workingDays: -1).day(from: launch, in: Self.calendar)
                == CalendarDay(parsing: "2026-12-11"))
        #expect(
            ParentDate(field: "d", workingDays: 1).day(from: launch, in: Self.calendar)
                == CalendarDay(parsing: "2026-12-15"))
        // 2026-10-05 is a holiday, Sunday 2026-10-11 a make-up workday.
        #expect(
            ParentDate(field: "d", workingDays: -1).day(from: CalendarDay(parsing: "2026-10-06")!, in: Self.calendar)
                == CalendarDay(parsing: "2026-10-02"))
        #expect(
            ParentDate(field: "d", workingDays: 1).day(from: CalendarDay(parsing: "2026-10-09")!, in: Self.calendar)
                == CalendarDay(parsing: "2026-10-11"))
        #expect(
            ParentDate(field: "d", workingDays: -3).day(from: launch, in: .twentyFourSeven)
                == CalendarDay(parsing: "2026-12-11"))
        #expect(
            ParentDate(field: "d", workingDays: 0).value(from: ["d": "2026-12-14"], in: Self.calendar) == "2026-12-14")
        #expect(ParentDate(field: "d", workingDays: -1).value(from: [:], in: Self.calendar) == nil)
    }

    @Test func aDeadlineAllowsTheWorkingTimeToTheEndOfItsDate() throws {
        let target = SLAPolicy.Target.deadline(field: "due_date")
        // Monday 10:00 in Shanghai to the end of Tuesday: 8h on Monday and 9h on Tuesday.
        let start = RFC3339.parse("2026-12-07T02:00:00Z")!
        #expect(target.seconds(for: ["due_date": "2026-12-08"], from: start, in: Self.calendar) == 61_200)
        #expect(target.seconds(for: ["due_date": "2026-12-06"], from: start, in: Self.calendar) == 0)
        #expect(target.seconds(for: [:], from: start, in: Self.calendar) == nil)
        #expect(target.duration(for: ["due_date": "2026-12-08"]) == nil)
        // Plain time: to midnight UTC.
        #expect(
            target.seconds(for: ["due_date": "2026-12-07"], from: start, in: ElapsedTimeCalendar()) == 79_200)
    }

    /// The shipped launch and readiness item, as files, the launch's text changed by `edit`.
    static func shipped(editingLaunch edit: (String) -> String = { $0 }) throws -> [WorkflowSourceFile] {
        let folder = URL(fileURLWithPath: ShippedWorkflowsTests.folder)
        return try ["launch-readiness", "readiness-item", "calendars", "receivers"].map { name in
            let path = folder.appendingPathComponent("\(name).yaml")
            let text = try String(contentsOf: path, encoding: .utf8)
            return WorkflowSourceFile(
                path: "workflows/\(name).yaml", text: name == "launch-readiness" ? edit(text) : text)
        }
    }

    @Test func theShippedLaunchKeepsItsItemsDueBeforeTheLaunchDate() throws {
        let library = try WorkflowLibrary(files: try Self.shipped())
        let launch = try #require(library.workflow(named: "launch-readiness"))
        let dates = launch.state(named: "preparing")?.spawns.map { $0.dates["due_date"]?.description }
        #expect(
            dates == [
                "launch_date - 10d", "launch_date - 5d", "launch_date - 5d", "launch_date - 5d", "launch_date - 5d",
                "launch_date - 10d", "launch_date - 10d", "launch_date - 5d", "launch_date - 5d", "launch_date - 5d",
                "launch_date - 10d",
            ])
        let item = try #require(library.workflow(named: "readiness-item"))
        #expect(item.slas.first { $0.name == "ready_by" }?.target == .deadline(field: "due_date"))
    }

    @Test func datesMustBeDateFieldsOnBothSides() throws {
        let wrongChild = Fixtures.libraryErrors(
            try Self.shipped {
                $0.replacingOccurrences(
                    of: "dates: {due_date: \"launch_date - 5d\"}}", with: "dates: {ready_on: \"launch_date - 5d\"}}")
            })
        #expect(wrongChild.count == 7)
        #expect(
            wrongChild.first?.message
                == "state 'preparing' spawns 'readiness-item' with date 'ready_on': 'readiness-item' has no date field 'ready_on'"
        )
        let wrongParent = Fixtures.libraryErrors(
            try Self.shipped { $0.replacingOccurrences(of: "warm_up}, dates: {due_date: \"launch_date", with: "warm_up}, dates: {due_date: \"product") })
        #expect(
            wrongParent.first?.message
                == "state 'preparing' spawns 'readiness-item' with date 'due_date' from 'product', "
                + "which is not a date field of 'launch-readiness'")
        #expect(wrongParent.first?.line == 37)
    }

    @Test func badRulesAndDeadlinesAreRefusedWithTheirLines() {
        let rule = Fixtures.loadError(
            """
            workflow: demo
            key: DEM
            team: ops
            fields:
              launch_date: {type: date}
            states:
              open:
                initial: true
                on_enter: {spawn: [{workflow: demo, title: T, dates: {due_date: "launch_date - 2h"}}]}
              done: {final: true}
            transitions:
              finish: {from: open, to: done}
            """)
        #expect(rule?.line == 9)
        #expect(rule?.message.contains("not 'launch_date - 2h'") == true)
        let item = """
            workflow: demo
            key: DEM
            team: ops
            fields:
              due_date: {type: string}
            states:
              open: {initial: true}
              done: {final: true}
            transitions:
              finish: {from: open, to: done}
            slas:
              ready_by: {start: created, stop: {enter: [done]}, target: {deadline: due_date}}
            """
        #expect(
            Fixtures.loadError(item)?.message
                == "sla 'ready_by' target has a deadline in 'due_date', which is not a date field")
        #expect(
            Fixtures.loadError(item.replacingOccurrences(of: "deadline: due_date", with: "deadline: due"))?.message
                == "sla 'ready_by' target has a deadline in unknown field 'due'")
    }
}
