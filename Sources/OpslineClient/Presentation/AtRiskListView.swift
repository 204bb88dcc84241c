/// The `table` output of `opsline sla at-risk`: TASK, POLICY, DUE, LEFT, TEAM, ASSIGNEE,
/// PRIORITY, STATE, TITLE.
public enum AtRiskListView {
    /// The table's columns.
    public static let table = TableRenderer(columns: [
        .init("TASK"), .init("POLICY"), .init("DUE"), .init("LEFT", alignment: .right), .init("TEAM"),
        .init("ASSIGNEE"), .init("PRIORITY"), .init("STATE"), .init("TITLE", maximumWidth: 50),
    ])

    /// The table for `clocks`, or a sentence saying there are none.
    public static func render(_ clocks: [SLAClockLine]) -> String {
        guard !clocks.isEmpty else { return "No clocks at risk.\n" }
        return table.render(clocks.map(row))
    }

    /// One clock's cells; LEFT is the working time left.
    public static func row(_ clock: SLAClockLine) -> [String] {
        [
            clock.task, clock.policy, DisplayText.time(clock.dueAt),
            clock.remainingSeconds.map { DisplayText.duration(seconds: $0) } ?? DisplayText.none,
            DisplayText.optional(clock.team), DisplayText.optional(clock.assignee),
            DisplayText.optional(clock.priority), clock.taskState, clock.title,
        ]
    }
}
