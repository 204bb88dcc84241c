import Foundation

/// Reads one calendar of a calendars file: its time zone, hours, holidays and make-up workdays.
struct CalendarReader {
    /// The calendar's name.
    let name: String

    private static let keys = ["timezone", "hours", "holidays", "workdays"]

    private var context: String { "calendar '\(name)'" }

    /// Reads the calendar, reporting each problem and going on with the next part.
    /// - Returns: The calendar, or `nil` when it has problems.
    func read(_ node: SourceNode, problems: inout LoadProblems) -> BusinessCalendar? {
        node.readMapping(context: context, allowedKeys: Self.keys, problems: &problems) { mapping, problems in
            let timeZone = problems.attempt { () throws(WorkflowLoadError) in
                try self.timeZoneIdentifier(mapping.require("timezone"))
            }
            var hours: [Weekday: [WorkingPeriod]]?
            if let hoursNode = problems.attempt({ () throws(WorkflowLoadError) in try mapping.require("hours") }) {
                hours = CalendarHoursReader(context: context).read(hoursNode, problems: &problems)
            }
            var holidays: [Located<CalendarDay>] = []
            if let holidaysNode = mapping.value("holidays") {
                holidays = readHolidays(holidaysNode, problems: &problems)
            }
            var workdays: [CalendarDay: [WorkingPeriod]] = [:]
            if let workdaysNode = mapping.value("workdays") {
                workdays = CalendarWorkdayReader(context: context, weeklyHours: hours).read(
                    workdaysNode, holidays: holidays, problems: &problems)
            }
            guard let timeZone, let hours else { return nil }
            return BusinessCalendar(
                name: name,
                timeZoneIdentifier: timeZone,
                weeklyHours: hours,
                holidays: Set(holidays.map(\.value)),
                workdays: workdays
            )
        }
    }

    private func timeZoneIdentifier(_ node: SourceNode) throws(WorkflowLoadError) -> String {
        let identifier = try node.string()
        guard TimeZone(identifier: identifier) != nil else {
            throw node.error("\(context) has unknown timezone '\(identifier)' (use e.g. Asia/Shanghai, UTC)")
        }
        return identifier
    }

    /// Reads `holidays:`, a list of dates, each listed once.
    private func readHolidays(_ node: SourceNode, problems: inout LoadProblems) -> [Located<CalendarDay>] {
        guard let items = problems.attempt({ () throws(WorkflowLoadError) in try node.sequence(of: "dates") }) else {
            return []
        }
        var holidays: [Located<CalendarDay>] = []
        for item in items {
            guard
                let day = problems.attempt({ () throws(WorkflowLoadError) in
                    try item.calendarDay(context: context, kind: "holiday")
                })
            else { continue }
            if let first = holidays.first(where: { $0.value == day }) {
                problems.report(item.error("\(context): holiday \(day) is listed twice (first on line \(first.line))"))
            } else {
                holidays.append(Located(value: day, line: item.line))
            }
        }
        return holidays
    }
}
