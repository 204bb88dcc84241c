import Foundation

extension SLAPolicy {
    /// How much working time an SLA clock allows.
    public enum Target: Sendable, Hashable {
        /// The same duration for every task (`target: 4h`).
        case fixed(WorkDuration)
        /// A duration per value of an enum field (`target: {by: severity, p1: 30m, p2: 2h}`).
        case keyed(field: String, durations: [String: WorkDuration])
        /// Until the end of the date in a `date` field (`target: {deadline: due_date}`): the
        /// working time from the clock's start to that date's midnight in its calendar, so the
        /// clock breaches when that day's working hours end. Moving the date retargets the clock.
        case deadline(field: String)

        /// The duration that applies to a task with these fields.
        /// - Parameter fields: The task's fields.
        /// - Returns: The duration, or `nil` when a keyed target's field is absent, and for a
        ///   deadline, whose working time depends on when the clock started
        ///   (``seconds(for:from:in:)``).
        public func duration(for fields: [String: JSONValue]) -> WorkDuration? {
            switch self {
            case .fixed(let duration):
                return duration
            case .keyed(let field, let durations):
                guard case .string(let value) = fields[field] else { return nil }
                return durations[value]
            case .deadline:
                return nil
            }
        }

        /// The working seconds a clock started at `start` in `calendar` allows a task with these
        /// fields; `nil` when the field the target reads is absent. A deadline already past
        /// allows none.
        public func seconds(
            for fields: [String: JSONValue], from start: Date, in calendar: any WorkingCalendar
        ) -> TimeInterval? {
            guard case .deadline(let field) = self else {
                return duration(for: fields).map { TimeInterval($0.seconds) }
            }
            guard case .string(let text)? = fields[field], let day = CalendarDay(parsing: text) else { return nil }
            let end = LocalTime.instant(of: day.adding(days: 1), seconds: 0, in: calendar.timeZone)
            return calendar.workingTime(from: start, to: end)
        }
    }
}
