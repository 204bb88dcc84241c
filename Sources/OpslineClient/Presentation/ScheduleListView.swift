/// The `table` output of schedules: WORKFLOW, SCHEDULE, WHEN, CALENDAR, TEAM, NEXT, TITLE.
public enum ScheduleListView {
    /// The table's columns.
    public static let table = TableRenderer(columns: [
        .init("WORKFLOW"), .init("SCHEDULE"), .init("WHEN"), .init("CALENDAR"), .init("TEAM"), .init("NEXT"),
        .init("TITLE", maximumWidth: 50),
    ])

    /// The table for `schedules`, or a sentence saying there are none.
    public static func render(_ schedules: [ScheduleLine]) -> String {
        guard !schedules.isEmpty else { return "No schedules.\n" }
        return table.render(schedules.map(row))
    }

    /// One schedule's cells; WHEN says when days off are skipped, NEXT is `never` when it never
    /// fires again.
    public static func row(_ schedule: ScheduleLine) -> [String] {
        [
            schedule.workflow, schedule.schedule, schedule.timing + (schedule.skipHolidays ? ", skip days off" : ""),
            schedule.calendar, schedule.team, schedule.nextAt.map(DisplayText.time) ?? "never", schedule.title,
        ]
    }
}
