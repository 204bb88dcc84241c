/// The `table` output of `opsline sla at-risk`: TASK, POLICY, SLA LEFT (WORKING), DUE (LOCAL),
/// TEAM, ASSIGNEE, PRIORITY, STATE, TITLE.
///
/// The working time left and the wall-clock deadline are labelled apart: two working hours left
/// at 17:00 on a Friday fall due on Monday.
public enum AtRiskListView {
    /// The table's columns; the deadline's heading names the time zone times are shown in.
    public static var table: TableRenderer {
        TableRenderer(columns: [
            .init("TASK"), .init("POLICY"), .init(DisplayText.workingLeftHeader, alignment: .right),
            .init(DisplayText.dueHeader), .init("TEAM", dropRank: 1), .init("ASSIGNEE"),
            .init("PRIORITY", dropRank: 2), .init("STATE", dropRank: 3),
            .init("TITLE", maximumWidth: 50),
        ])
    }

    /// The table for `clocks`, or a sentence saying there are none.
    public static func render(_ clocks: [SLAClockLine]) -> String {
        guard !clocks.isEmpty else { return "No clocks at risk.\n" }
        return table.render(cells: clocks.map(cells))
    }

    /// One clock's cells, as text.
    public static func row(_ clock: SLAClockLine) -> [String] {
        cells(clock).map(\.text)
    }

    /// One clock's cells; the working time left is coloured by how close the deadline is.
    public static func cells(_ clock: SLAClockLine) -> [TableCell] {
        let colour = StatusColours.clock(
            state: clock.state, remainingSeconds: clock.remainingSeconds, warned: true)
        return [
            TableCell(clock.task), TableCell(BreachListView.policy(clock)),
            TableCell(clock.remainingSeconds.map(DisplayText.workingLeft) ?? DisplayText.none, colour: colour),
            TableCell(DisplayText.time(clock.dueAt)), TableCell(DisplayText.optional(clock.team)),
            TableCell(DisplayText.optional(clock.assignee)), TableCell(DisplayText.optional(clock.priority)),
            TableCell(clock.taskState), TableCell(clock.title),
        ]
    }
}
