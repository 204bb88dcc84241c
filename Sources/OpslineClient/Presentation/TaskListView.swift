/// The `table` output of a task list: ID, STATE, TITLE, TEAM, ASSIGNEE, PRIORITY, UPDATED.
public enum TaskListView {
    /// The table's columns.
    public static let table = TableRenderer(columns: [
        .init("ID"), .init("STATE"), .init("TITLE", maximumWidth: 60), .init("TEAM"),
        .init("ASSIGNEE"), .init("PRIORITY"), .init("UPDATED"),
    ])

    /// The table for `tasks`, or a sentence saying there are none.
    public static func render(_ tasks: [TaskLine]) -> String {
        guard !tasks.isEmpty else { return "No tasks found.\n" }
        return table.render(tasks.map(row))
    }

    /// One task's cells.
    public static func row(_ task: TaskLine) -> [String] {
        [
            task.id, task.state, task.title, DisplayText.optional(task.team),
            DisplayText.optional(task.assignee), DisplayText.optional(task.priority),
            DisplayText.time(task.updatedAt),
        ]
    }
}
