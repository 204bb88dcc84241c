/// Refuses SLA durations written in days where the clock may count in a calendar that is not
/// round the clock.
///
/// A day of working time is 24 working hours on any calendar, so `3d` under a 09:00–18:00
/// calendar lasts eight working days, while a manager reads three. Under such a calendar, targets
/// and escalation `after`s are written in hours (`27h`: three working days of nine hours). Only
/// calendars whose hours are known are checked; the built-in `24x7` is round the clock. A target
/// for one value of a field (`p1: 1d`) is checked against the calendar of that value when the
/// calendar is keyed by the same field (`calendar: {by: severity, p1: 24x7, …}`).
struct DayDurationCheck {
    /// The calendars whose definitions are known, by name.
    let calendars: [String: BusinessCalendar]

    /// The problems of one workflow: one per duration in days that may count in a calendar that
    /// is not round the clock.
    func problems(of item: LibraryCheck.Item) -> [WorkflowLoadError] {
        zip(item.parsed.definition.slas, item.parsed.slaReferences).flatMap { policy, references in
            references.dayDurations.compactMap { duration -> WorkflowLoadError? in
                let counting = Self.calendars(counting: duration, of: policy, references, in: item)
                guard
                    let office = counting.lazy.compactMap({ self.calendars[$0.name] }).first(where: {
                        !$0.isRoundTheClock
                    })
                else { return nil }
                return WorkflowLoadError(
                    file: item.file.path, line: duration.text.line,
                    message: "sla '\(policy.name)' has duration '\(duration.text.name)' in days, but counts in "
                        + "calendar '\(office.name)', which is not round the clock: a day of working time "
                        + "is 24 working hours there, not a working day; write it in hours"
                        + Self.workingDay(of: office))
            }
        }
    }

    /// The calendars `duration` may count in: those of its field value when the target and the
    /// calendar are keyed by the same field, else every calendar of the policy.
    private static func calendars(
        counting duration: SLAReferences.DayDuration, of policy: SLAPolicy, _ references: SLAReferences,
        in item: LibraryCheck.Item
    ) -> [NameAt] {
        let all = item.calendars(of: references)
        guard let value = duration.value, case .keyed(let targetField, _) = policy.target,
            case .keyed(let field, let byValue, let fallback)? = policy.calendar, field == targetField
        else { return all }
        guard let name = byValue[value] ?? fallback else { return [item.parsed.header.calendar].compactMap { $0 } }
        return all.filter { $0.name == name }
    }

    /// ` (a working day of 'support-hours' is 9h on mon-fri)`, from the calendar's first hours.
    private static func workingDay(of calendar: BusinessCalendar) -> String {
        guard let first = calendar.hoursSummary.first else { return "" }
        let seconds = first.periods.reduce(0) { $0 + $1.nominalSeconds }
        return " (a working day of '\(calendar.name)' is \(WorkDuration(seconds: Int64(seconds))) on \(first.days))"
    }
}
