import Testing

@testable import Workflow

@Suite("Calendars files that do not load")
struct CalendarLoadErrorTests {
    /// A refused calendars file: its source and every expected `line: message`.
    struct Refusal: Sendable, CustomTestStringConvertible {
        /// What the case shows, in test output.
        let name: String
        /// The calendars file.
        let source: String
        /// Each problem as `line: message`, in line order.
        let problems: [String]
        /// Whether each problem only has to start with the expected text (for Yams' own wording).
        var prefix = false

        var testDescription: String { name }
    }

    static let refusals: [Refusal] = [
        Refusal(
            name: "an unknown time zone points at its line",
            source: """
                support-hours:
                  timezone: Asia/Shangai
                  hours: {mon-fri: "09:00-18:00"}
                """,
            problems: ["2: calendar 'support-hours' has unknown timezone 'Asia/Shangai' (use e.g. Asia/Shanghai, UTC)"]
        ),
        Refusal(
            name: "a day given hours by two keys is named at the second",
            source: """
                office:
                  timezone: UTC
                  hours:
                    mon-fri: "09:00-18:00"
                    sat: "10:00-12:00"
                    fri-sun: "12:00-14:00"
                """,
            problems: [
                "6: calendar 'office' hours: fri already has hours from 'mon-fri' (line 4)",
                "6: calendar 'office' hours: sat already has hours from 'sat' (line 5)",
            ]
        ),
        Refusal(
            name: "a malformed range is refused with the expected form",
            source: """
                office:
                  timezone: UTC
                  hours:
                    mon-fri:
                      - "09:00-12:00"
                      - "1pm-6pm"
                """,
            problems: [
                "6: calendar 'office' hours 'mon-fri': invalid range '1pm-6pm' (use HH:MM-HH:MM, e.g. 09:00-18:00)"
            ]
        ),
        Refusal(
            name: "a range that ends before it starts is refused",
            source: "office:\n  timezone: UTC\n  hours: {mon: \"18:00-09:00\", tue: \"24:00-24:00\"}\n",
            problems: [
                "3: calendar 'office' hours 'mon': range '18:00-09:00' must start before it ends",
                "3: calendar 'office' hours 'tue': range '24:00-24:00' must start before it ends",
            ]
        ),
        Refusal(
            name: "overlapping ranges within a day are refused",
            source: """
                office:
                  timezone: UTC
                  hours:
                    mon: ["09:00-13:00",
                          "12:00-18:00"]
                """,
            problems: ["5: calendar 'office' hours 'mon': ranges '09:00-13:00' and '12:00-18:00' overlap"]
        ),
        Refusal(
            name: "unknown keys are all refused",
            source: """
                office:
                  timezone: UTC
                  hours: {mon: "09:00-18:00"}
                  holiday: [2026-10-01]
                  title: Office
                """,
            problems: [
                "4: unknown key 'holiday' in calendar 'office' (expected one of: timezone, hours, holidays, workdays)",
                "5: unknown key 'title' in calendar 'office' (expected one of: timezone, hours, holidays, workdays)",
            ]
        ),
        Refusal(
            name: "an unknown day is refused",
            source: "office:\n  timezone: UTC\n  hours:\n    mon-fry: \"09:00-18:00\"\n    mon-mon: \"09:00-10:00\"\n",
            problems: [
                "4: calendar 'office' hours: unknown day 'mon-fry' (use mon, tue, wed, thu, fri, sat, sun or a range such as mon-fri)",
                "5: calendar 'office' hours: 'mon-mon' names one day; write 'mon'",
            ]
        ),
        Refusal(
            name: "impossible and malformed dates are refused where they are",
            source: """
                office:
                  timezone: UTC
                  hours: {mon-fri: "09:00-18:00"}
                  holidays:
                    - 2026-10-01
                    - 2026-02-30
                    - 2026-10-1
                  workdays: [2026-13-01]
                """,
            problems: [
                "6: calendar 'office': holiday '2026-02-30' is not a date (use YYYY-MM-DD, e.g. 2026-10-01)",
                "7: calendar 'office': holiday '2026-10-1' is not a date (use YYYY-MM-DD, e.g. 2026-10-01)",
                "8: calendar 'office': workday '2026-13-01' is not a date (use YYYY-MM-DD, e.g. 2026-10-01)",
            ]
        ),
        Refusal(
            name: "a date listed twice or as both holiday and workday is refused",
            source: """
                office:
                  timezone: UTC
                  hours: {mon-fri: "09:00-18:00"}
                  holidays: [2026-10-01,
                    2026-10-01]
                  workdays:
                    - 2026-10-01
                    - 2026-10-11
                    - {date: 2026-10-11, hours: "09:00-12:00"}
                """,
            problems: [
                "5: calendar 'office': holiday 2026-10-01 is listed twice (first on line 4)",
                "7: calendar 'office': 2026-10-01 is both a holiday (line 4) and a workday",
                "9: calendar 'office': workday 2026-10-11 is listed twice (first on line 8)",
            ]
        ),
        Refusal(
            name: "a calendar without working hours is refused",
            source: "idle:\n  timezone: UTC\n  hours: {}\n",
            problems: ["3: calendar 'idle' has no working hours (give hours such as mon-fri: \"09:00-18:00\")"]
        ),
        Refusal(
            name: "missing keys are named at the calendar",
            source: "office:\n  hours: {mon: \"09:00-18:00\"}\nshop:\n  timezone: UTC\n",
            problems: ["1: calendar 'office' is missing 'timezone'", "3: calendar 'shop' is missing 'hours'"]
        ),
        Refusal(
            name: "every calendar's problems are reported together",
            source: """
                support-hours:
                  timezone: Asia/Shanghai
                  hours: {mon-fri: "09:00-18:00", sat: "10:00-16:00"}
                Office:
                  timezone: UTC
                  hours: {mon: "09:00-18:00"}
                night:
                  timezone: Mars/Olympus
                  hours: {mon: "22:00-06:00"}
                """,
            problems: [
                "4: calendar name 'Office' must use only a-z, 0-9 and '-'",
                "8: calendar 'night' has unknown timezone 'Mars/Olympus' (use e.g. Asia/Shanghai, UTC)",
                "9: calendar 'night' hours 'mon': range '22:00-06:00' must start before it ends",
            ]
        ),
        Refusal(
            name: "workday hours are checked like weekly hours",
            source: """
                office:
                  timezone: UTC
                  hours: {mon-fri: "09:00-18:00"}
                  workdays:
                    - {date: 2026-10-11, hours: "9-12"}
                    - {day: 2026-10-18}
                """,
            problems: [
                "5: calendar 'office' workday 2026-10-11: invalid range '9-12' (use HH:MM-HH:MM, e.g. 09:00-18:00)",
                "6: unknown key 'day' in calendar 'office' workday (expected one of: date, hours)",
            ]
        ),
        Refusal(
            name: "values of the wrong shape are refused",
            source: """
                office:
                  timezone: UTC
                  hours: "09:00-18:00"
                  holidays: 2026-10-01
                shop: open
                """,
            problems: [
                "3: calendar 'office': 'hours' must be a mapping of keys to values",
                "4: calendar 'office': 'holidays' must be a list of dates",
                "5: calendar 'shop' must be a mapping of keys to values",
            ]
        ),
        Refusal(
            name: "broken YAML is reported with its line",
            source: "office:\n  timezone: UTC\n  hours: {mon: \"09:00-18:00\"\n",
            problems: ["4: invalid YAML: "],
            prefix: true
        ),
        Refusal(
            name: "a duplicate calendar points at the repetition",
            source: "office:\n  timezone: UTC\n  hours: {mon: \"09:00-18:00\"}\noffice:\n  timezone: UTC\n",
            problems: ["4: duplicate key 'office' (first defined on line 1)"]
        ),
    ]

    @Test(arguments: refusals)
    func refusedFilesReportEveryProblemWithItsLine(_ refusal: Refusal) {
        let thrown = #expect(throws: CalendarLoadErrors.self) {
            try CalendarParser.parse(refusal.source, file: "workflows/calendars.yaml")
        }
        let found = thrown?.errors.map { "\($0.line): \($0.message)" } ?? []
        if refusal.prefix {
            #expect(found.count == refusal.problems.count)
            #expect(zip(found, refusal.problems).allSatisfy { $0.hasPrefix($1) }, "\(found)")
        } else {
            #expect(found == refusal.problems)
        }
        #expect(thrown?.errors.allSatisfy { $0.file == "workflows/calendars.yaml" } == true)
    }

    @Test func errorsPrintOnePerLineWithFileAndLine() {
        let errors = CalendarLoadErrors([
            WorkflowLoadError(file: "workflows/calendars.yaml", line: 9, message: "second"),
            WorkflowLoadError(file: "workflows/calendars.yaml", line: 2, message: "first"),
        ])
        #expect(errors.description == "workflows/calendars.yaml:2: first\nworkflows/calendars.yaml:9: second")
    }

    @Test func validCalendarsAreKeptWhenOthersFail() {
        let (calendars, problems) = CalendarParser.read(
            "good:\n  timezone: UTC\n  hours: {mon: \"09:00-18:00\"}\nbad:\n  timezone: Nowhere\n  hours: {mon: \"09:00-18:00\"}\n",
            file: "calendars.yaml")
        #expect(calendars.keys.sorted() == ["24x7", "good"])
        #expect(problems.map(\.line) == [5])
    }
}
