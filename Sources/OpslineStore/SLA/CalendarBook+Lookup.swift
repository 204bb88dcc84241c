import Workflow

extension CalendarBook {
    /// The business calendar called `name`; `24x7` is there even when the file does not define it.
    /// - Parameter name: The calendar's name, e.g. `support-hours`.
    /// - Returns: `nil` when no calendar has that name.
    public func businessCalendar(named name: String) -> BusinessCalendar? {
        all[name] ?? (name == BusinessCalendar.twentyFourSeven.name ? .twentyFourSeven : nil)
    }

    /// Every business calendar by name, `24x7` included, sorted by name.
    public var businessCalendars: [BusinessCalendar] {
        var calendars = all
        if calendars[BusinessCalendar.twentyFourSeven.name] == nil {
            calendars[BusinessCalendar.twentyFourSeven.name] = .twentyFourSeven
        }
        return calendars.keys.sorted().compactMap { calendars[$0] }
    }
}
