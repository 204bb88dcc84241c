/// The calendars a task's clocks count in: the workflow's, and those its SLA policies pick by
/// name (``SLAPolicy/CalendarChoice``), which each clock keeps (``SLAClock/calendar``).
public struct SLACalendars: Sendable {
    /// The workflow's calendar, for clocks that keep none.
    public let workflow: any WorkingCalendar
    /// The workflow calendar's name (`24x7` when the workflow names none).
    public let workflowName: String
    private let named: @Sendable (String) -> any WorkingCalendar

    /// Creates the set.
    /// - Parameters:
    ///   - workflow: The workflow's calendar, for clocks that keep none.
    ///   - workflowName: Its name.
    ///   - named: The calendar of a name a clock keeps.
    public init(
        workflow: any WorkingCalendar, workflowName: String,
        named: @escaping @Sendable (String) -> any WorkingCalendar
    ) {
        self.workflow = workflow
        self.workflowName = workflowName
        self.named = named
    }

    /// One calendar for every clock, e.g. plain elapsed time in tests.
    public init(_ calendar: any WorkingCalendar) {
        self.init(workflow: calendar, workflowName: BusinessCalendar.twentyFourSeven.name, named: { _ in calendar })
    }

    /// The name of the calendar `clock` counts in.
    public func calendarName(for clock: SLAClock) -> String {
        clock.calendar ?? workflowName
    }

    /// The calendar `clock` counts in.
    public func calendar(for clock: SLAClock) -> any WorkingCalendar {
        clock.calendar.map(named) ?? workflow
    }

    /// The calendar called `name`; `nil`: the workflow's.
    public func calendar(named name: String?) -> any WorkingCalendar {
        name.map(named) ?? workflow
    }
}
