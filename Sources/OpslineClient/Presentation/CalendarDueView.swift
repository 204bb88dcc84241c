/// The `table` output of `opsline sla due`: the deadline, in the presentation's time zone
/// (``Presentation/timeZone``) and on the calendar's clock.
public enum CalendarDueView {
    /// The key/value block of `line`.
    public static func render(_ line: CalendarDueLine) -> String {
        TaskDetailView.keyValues([
            ("Calendar", "\(line.calendar) (\(line.timezone))"),
            ("From", DisplayText.time(line.from)),
            ("Duration", "\(line.duration) of working time"),
            ("Due", DisplayText.time(line.dueAt)),
            ("Due (calendar)", DisplayText.optional(line.dueAtLocal)),
        ])
    }
}
