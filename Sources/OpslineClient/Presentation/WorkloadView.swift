/// The `table` output of `opsline report workload`: per team, one row per person (TEAM, USER,
/// OPEN, AT RISK, BREACHED, OLDEST OPEN, ASSIGNED 7D, CLOSED 7D), then the team's unassigned
/// queue as a row of its own, user `(unassigned)`.
public enum WorkloadView {
    /// The table's columns.
    public static let table = TableRenderer(columns: [
        .init("TEAM"), .init("USER"), .init("OPEN", alignment: .right), .init("AT RISK", alignment: .right),
        .init("BREACHED", alignment: .right), .init("OLDEST OPEN"), .init("ASSIGNED 7D", alignment: .right),
        .init("CLOSED 7D", alignment: .right),
    ])

    /// What the USER column says on a team's queue row.
    public static let queueLabel = "(unassigned)"

    /// The table for `lines`, in the server's order, or a sentence saying there is no work.
    public static func render(_ lines: [WorkloadLine]) -> String {
        guard !lines.isEmpty else { return "No teams found.\n" }
        return table.render(lines.map(row))
    }

    /// One line's cells.
    public static func row(_ line: WorkloadLine) -> [String] {
        switch line {
        case .person(let person):
            [
                DisplayText.optional(person.team), person.user, String(person.open), String(person.atRisk),
                String(person.breached), DisplayText.time(person.oldestOpenAt), String(person.assigned7d),
                String(person.closed7d),
            ]
        case .queue(let team, let unassigned):
            [DisplayText.optional(team), queueLabel, String(unassigned), "", "", "", "", ""]
        }
    }
}
