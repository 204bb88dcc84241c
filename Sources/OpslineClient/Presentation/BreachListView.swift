/// The `table` output of `opsline sla breaches`: TASK, POLICY (with the cycle after the first:
/// `resolution #2`), BREACHED, LEVEL, CLOCK, TEAM (the team the breach is charged to: the one
/// that held the task when it fell due), ESCALATED TO (the task's team now, when another),
/// ASSIGNEE (now), PRIORITY, STATE, TITLE.
public enum BreachListView {
    /// The table's columns.
    public static var table: TableRenderer {
        TableRenderer(columns: [
            .init("TASK"), .init("POLICY"), .init("BREACHED"),
            .init("LEVEL", alignment: .right), .init("CLOCK", dropRank: 4), .init("TEAM", dropRank: 2),
            .init("ESCALATED TO", dropRank: 1), .init("ASSIGNEE"), .init("PRIORITY", dropRank: 3), .init("STATE"),
            .init("TITLE", maximumWidth: 50),
        ])
    }

    /// A clock's policy as the tables show it: `resolution`, or `resolution #2` for a later cycle.
    public static func policy(_ clock: SLAClockLine) -> String {
        clock.cycle > 1 ? "\(clock.policy) #\(clock.cycle)" : clock.policy
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
            TableCell(clock.task), TableCell(policy(clock)), TableCell(DisplayText.time(clock.breachedAt)),
            TableCell(String(clock.escalationLevel)),
            TableCell(clock.state, colour: clock.state == "stopped" ? .faint : .red),
            TableCell(DisplayText.optional(clock.chargedTeam)), TableCell(DisplayText.optional(clock.escalatedTo)),
            TableCell(DisplayText.optional(clock.assignee)),
            TableCell(DisplayText.optional(clock.priority)), TableCell(clock.taskState), TableCell(clock.title),
        ]
    }
}
