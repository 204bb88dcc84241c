/// The `table` output of `opsline sla breaches`: TASK, POLICY, BREACHED, LEVEL, CLOCK, TEAM,
/// ASSIGNEE, PRIORITY, STATE, TITLE.
public enum BreachListView {
    /// The table's columns.
    public static var table: TableRenderer {
        TableRenderer(columns: [
            .init("TASK"), .init("POLICY"), .init("BREACHED"),
            .init("LEVEL", alignment: .right), .init("CLOCK", dropRank: 3), .init("TEAM", dropRank: 1),
            .init("ASSIGNEE"), .init("PRIORITY", dropRank: 2), .init("STATE"), .init("TITLE", maximumWidth: 50),
        ])
    }

    /// The table for `clocks`, or a sentence saying there are none.
    public static func render(_ clocks: [SLAClockLine]) -> String {
        guard !clocks.isEmpty else { return "No breaches found.\n" }
        return table.render(cells: clocks.map(cells))
    }

    /// One breached clock's cells, as text.
    public static func row(_ clock: SLAClockLine) -> [String] {
        cells(clock).map(\.text)
    }

    /// One breached clock's cells; the clock is red while it runs on, faint once stopped.
    public static func cells(_ clock: SLAClockLine) -> [TableCell] {
        [
            TableCell(clock.task), TableCell(clock.policy), TableCell(DisplayText.time(clock.breachedAt)),
            TableCell(String(clock.escalationLevel)),
            TableCell(clock.state, colour: clock.state == "stopped" ? .faint : .red),
            TableCell(DisplayText.optional(clock.team)), TableCell(DisplayText.optional(clock.assignee)),
            TableCell(DisplayText.optional(clock.priority)), TableCell(clock.taskState), TableCell(clock.title),
        ]
    }
}
