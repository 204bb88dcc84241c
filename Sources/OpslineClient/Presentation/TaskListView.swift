/// The `table` output of a task list: ID, STATE, TITLE, TEAM, ASSIGNEE, PRIORITY, then the most
/// urgent SLA clock's working time left and wall-clock deadline, and UPDATED.
///
/// The two SLA columns are labelled apart, `SLA LEFT (WORKING)` and `DUE (LOCAL)`: three hours
/// of working time left may end tomorrow morning. On a narrow terminal UPDATED, TEAM, PRIORITY
/// and DUE are left out, in that order, before the rest would not fit.
public enum TaskListView {
    /// The table's columns; the deadline's heading names the time zone times are shown in.
    public static var table: TableRenderer {
        TableRenderer(columns: [
            .init("ID"), .init("STATE"), .init("TITLE", maximumWidth: 60), .init("TEAM", dropRank: 2),
            .init("ASSIGNEE"), .init("PRIORITY", dropRank: 3), .init(DisplayText.workingLeftHeader, alignment: .right),
            .init(DisplayText.dueHeader, dropRank: 4), .init("UPDATED", dropRank: 1),
        ])
    }

    /// The table for `tasks`, or a sentence saying there are none.
    public static func render(_ tasks: [TaskLine]) -> String {
        guard !tasks.isEmpty else { return "No tasks found.\n" }
        return table.render(cells: tasks.map(cells))
    }

    /// One task's cells, as text.
    public static func row(_ task: TaskLine) -> [String] {
        cells(task).map(\.text)
    }

    /// One task's cells: the state coloured open or closed, the SLA time left by the clock's
    /// status.
    public static func cells(_ task: TaskLine) -> [TableCell] {
        let clock = task.mostUrgentClock
        return [
            TableCell(task.id), TableCell(task.state, colour: StatusColours.state(closed: task.closedAt != nil)),
            TableCell(task.title), TableCell(DisplayText.optional(task.team)),
            TableCell(DisplayText.optional(task.assignee)), TableCell(DisplayText.optional(task.priority)),
            TableCell(
                clock.flatMap(\.remainingSeconds).map(DisplayText.workingLeft) ?? DisplayText.none,
                colour: clock?.colour),
            TableCell(DisplayText.time(clock?.dueAt)), TableCell(DisplayText.time(task.updatedAt)),
        ]
    }
}
