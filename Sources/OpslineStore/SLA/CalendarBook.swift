import Workflow

/// The business calendars SLA durations are counted in, by name (from `workflows/calendars.yaml`).
///
/// Every replica loads the same file at start-up. A workflow naming no calendar, or one this
/// book lacks, counts elapsed time (`24x7`).
public struct CalendarBook: Sendable {
    private let calendars: [String: BusinessCalendar]

    /// A book of calendars by name.
    public init(_ calendars: [String: BusinessCalendar] = [:]) {
        self.calendars = calendars
    }

    /// The calendar called `name`, or elapsed time.
    public func calendar(named name: String?) -> any WorkingCalendar {
        name.flatMap { calendars[$0] } ?? ElapsedTimeCalendar()
    }

    /// The calendars a workflow's clocks count in: `workflowCalendar` (the workflow's
    /// `calendar:`), and any other of the book's that a clock keeps.
    public func slaCalendars(workflowCalendar: String?) -> SLACalendars {
        SLACalendars(
            workflow: calendar(named: workflowCalendar),
            workflowName: workflowCalendar ?? BusinessCalendar.twentyFourSeven.name,
            named: { self.calendar(named: $0) })
    }

    /// The names of the calendars in the book, sorted.
    public var names: [String] { calendars.keys.sorted() }

    /// The calendars, by name.
    public var all: [String: BusinessCalendar] { calendars }
}
