/// Reads `workdays:`, a calendar's make-up working days: `2026-10-11` or `{date: 2026-10-11}`
/// (the standard hours, see ``BusinessCalendar/standardWorkdayHours(in:)``), or
/// `{date: 2026-10-11, hours: "09:00-18:00"}` (hours of its own, one range or a list).
struct CalendarWorkdayReader {
    /// How messages name the calendar, e.g. `calendar 'support-hours'`.
    let context: String
    /// The calendar's weekly hours, or `nil` when they did not load.
    let weeklyHours: [Weekday: [WorkingPeriod]]?

    /// Reads the list, reporting each problem and going on with the next date.
    /// - Returns: The workdays that read cleanly, with their hours.
    func read(
        _ node: SourceNode, holidays: [Located<CalendarDay>], problems: inout LoadProblems
    ) -> [CalendarDay: [WorkingPeriod]] {
        guard let items = problems.attempt({ () throws(WorkflowLoadError) in try node.sequence(of: "dates") }) else {
            return [:]
        }
        var workdays: [CalendarDay: Located<[WorkingPeriod]>] = [:]
        for item in items {
            guard let (day, hours) = problems.attempt({ () throws(WorkflowLoadError) in try workday(item) }) else {
                continue
            }
            if let first = workdays[day] {
                problems.report(item.error("\(context): workday \(day) is listed twice (first on line \(first.line))"))
            } else if let holiday = holidays.first(where: { $0.value == day }) {
                problems.report(
                    item.error("\(context): \(day) is both a holiday (line \(holiday.line)) and a workday"))
            } else if let hours {
                workdays[day] = Located(value: hours, line: item.line)
            }
        }
        return workdays.mapValues(\.value)
    }

    /// One workday; its hours are `nil` when they cannot be known (the weekly hours did not load).
    private func workday(_ node: SourceNode) throws(WorkflowLoadError) -> (CalendarDay, [WorkingPeriod]?) {
        guard case .mapping = node.node else {
            let day = try node.calendarDay(context: context, kind: "workday")
            return (day, weeklyHours.map(BusinessCalendar.standardWorkdayHours(in:)))
        }
        let mapping = try node.mapping(context: "\(context) workday")
        try mapping.allowOnly(["date", "hours"])
        let day = try mapping.require("date").calendarDay(context: context, kind: "workday")
        guard let ranges = mapping.value("hours") else {
            return (day, weeklyHours.map(BusinessCalendar.standardWorkdayHours(in:)))
        }
        return (day, try CalendarHoursReader(context: context).periods(ranges, key: "workday \(day)"))
    }
}
