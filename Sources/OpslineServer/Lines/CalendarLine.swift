import Workflow

/// A business calendar as one line of `GET /v1/calendars`: `name`, `timezone`, `hours` as the
/// calendars file writes them (`{"mon-fri":["09:00-18:00"],"sat":["10:00-16:00"]}`), `week_s`
/// (working seconds in a regular week), `holidays` (dates) and `workdays` (`{date, hours}`).
struct CalendarLine: Encodable, Sendable {
    let calendar: BusinessCalendar

    var json: JSONValue {
        func periods(_ periods: [WorkingPeriod]) -> JSONValue { .array(periods.map { .string($0.description) }) }
        let hours = Dictionary(uniqueKeysWithValues: calendar.hoursSummary.map { ($0.days, periods($0.periods)) })
        let workdays: [JSONValue] = calendar.workdays.keys.sorted().map { day in
            .object(["date": .string(day.description), "hours": periods(calendar.workdays[day] ?? [])])
        }
        return .object([
            "name": .string(calendar.name),
            "timezone": .string(calendar.timeZoneIdentifier),
            "hours": .object(hours),
            "week_s": .int(Int64(calendar.regularWeekSeconds)),
            "holidays": .array(calendar.holidays.sorted().map { .string($0.description) }),
            "workdays": .array(workdays),
        ])
    }

    func encode(to encoder: any Encoder) throws {
        try json.encode(to: encoder)
    }
}
