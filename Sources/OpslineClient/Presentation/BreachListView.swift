/// The `table` output of `opsline sla breaches`: TASK, POLICY, BREACHED, LEVEL, CLOCK, TEAM,
/// ASSIGNEE, PRIORITY, STATE, TITLE.
public enum BreachListView {
    /// The table's columns.
    public static let table = TableRenderer(columns: [
        .init("TASK"), .init("POLICY"), .init("BREACHED"), .init("LEVEL", alignment: .right), .init("CLOCK"),
        .init("TEAM"), .init("ASSIGNEE"), .init("PRIORITY"), .init("STATE"), .init("TITLE", maximumWidth: 50),
    ])

    /// The table for `clocks`, or a sentence saying there are none.
    public static func render(_ clocks: [SLAClockLine]) -> String {
        guard !clocks.isEmpty else { return "No breaches found.\n" }
        return table.render(clocks.map(row))
    }

    /// One breached clock's cells.
    public static func row(_ clock: SLAClockLine) -> [String] {
        [
            clock.task, clock.policy, DisplayText.time(clock.breachedAt), String(clock.escalationLevel), clock.state,
            DisplayText.optional(clock.team), DisplayText.optional(clock.assignee),
            DisplayText.optional(clock.priority), clock.taskState, clock.title,
        ]
    }
}
