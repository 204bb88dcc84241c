extension SLAPolicy {
    /// Which business calendar a policy's clock counts in, when it is not the workflow's.
    ///
    /// ```yaml
    /// calendar: 24x7                                        # always this one
    /// calendar: {by: severity, p1: 24x7, default: support-hours}   # by the value of an enum field
    /// ```
    ///
    /// The calendar is chosen when a cycle starts, and again when the keyed field changes: time
    /// worked so far stays counted as it was, the rest of the target counts in the new calendar.
    public enum CalendarChoice: Sendable, Hashable {
        /// The same calendar for every task.
        case named(String)
        /// A calendar per value of an enum field; values not listed take `fallback`, or, without
        /// one, the workflow's calendar.
        case keyed(field: String, calendars: [String: String], fallback: String?)

        /// The calendar for a task with these fields.
        /// - Parameter fields: The task's fields.
        /// - Returns: The calendar's name, or `nil` when the workflow's calendar applies.
        public func calendarName(for fields: [String: JSONValue]) -> String? {
            switch self {
            case .named(let name):
                return name
            case .keyed(let field, let calendars, let fallback):
                guard case .string(let value) = fields[field], let name = calendars[value] else { return fallback }
                return name
            }
        }

        /// The field that picks the calendar, if one does.
        public var field: String? {
            guard case .keyed(let field, _, _) = self else { return nil }
            return field
        }
    }
}
