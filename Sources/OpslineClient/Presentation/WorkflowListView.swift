/// The `table` output of workflows: NAME, VERSION, KEY, TEAM, CALENDAR, TITLE, PUBLISHED.
public enum WorkflowListView {
    /// The table's columns.
    public static let table = TableRenderer(columns: [
        .init("NAME"), .init("VERSION", alignment: .right), .init("KEY"), .init("TEAM"), .init("CALENDAR"),
        .init("TITLE", maximumWidth: 50), .init("PUBLISHED"),
    ])

    /// The table for `workflows`, or a sentence saying there are none.
    public static func render(_ workflows: [WorkflowLine]) -> String {
        guard !workflows.isEmpty else { return "No workflows published.\n" }
        return table.render(workflows.map(row))
    }

    /// One workflow's cells.
    public static func row(_ workflow: WorkflowLine) -> [String] {
        [
            workflow.name, String(workflow.version), workflow.key, workflow.team, workflow.calendar,
            workflow.title, DisplayText.time(workflow.publishedAt),
        ]
    }
}
