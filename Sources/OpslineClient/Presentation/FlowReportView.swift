/// The `table` output of `opsline report flow`: STATE, TASKS, VISITS, TOTAL, AVG, P50, P90, the
/// state where tasks spent the most time first, then the final states (`closed (final)`) with the
/// tasks that ended there and no times.
public enum FlowReportView {
    /// The table's columns.
    public static let table = TableRenderer(columns: [
        .init("STATE"), .init("TASKS", alignment: .right), .init("VISITS", alignment: .right),
        .init("TOTAL", alignment: .right), .init("AVG", alignment: .right), .init("P50", alignment: .right),
        .init("P90", alignment: .right),
    ])

    /// The table for `lines`, or a sentence saying no task has moved yet.
    public static func render(_ lines: [FlowStateLine]) -> String {
        guard !lines.isEmpty else { return "No tasks found.\n" }
        return table.render(lines.map(row))
    }

    /// One state's cells.
    public static func row(_ line: FlowStateLine) -> [String] {
        if line.final == true {
            return [line.state + " (final)", String(line.tasks), String(line.visits), "-", "-", "-", "-"]
        }
        return [
            line.state, String(line.tasks), String(line.visits), DisplayText.duration(seconds: line.totalSeconds),
            DisplayText.duration(seconds: line.averageSeconds), DisplayText.duration(seconds: line.p50Seconds),
            DisplayText.duration(seconds: line.p90Seconds),
        ]
    }
}
