/// The `table` output of a followed event stream: SEQ, AT, TASK, TYPE, ACTOR, DETAIL.
///
/// Rows are printed one by one as events arrive, so the columns have fixed widths instead of
/// the widths of the widest cell (a longer cell pushes the rest of its row right).
public enum EventFeedView {
    /// A column: its heading, its width, and which side its cells stick to.
    private struct Column {
        let header: String
        let width: Int
        var rightAligned = false
    }

    private static let columns = [
        Column(header: "SEQ", width: 6, rightAligned: true), Column(header: "AT", width: 20),
        Column(header: "TASK", width: 10), Column(header: "TYPE", width: 12),
        Column(header: "ACTOR", width: 12), Column(header: "DETAIL", width: 0),
    ]

    /// The longest DETAIL shown; longer ones are cut and end in `…`.
    static let maximumDetailWidth = 80

    /// The header line, ending in `\n`.
    public static var header: String {
        line(columns.map(\.header))
    }

    /// One event's row, ending in `\n`.
    public static func row(_ event: EventLine) -> String {
        var detail = HistoryView.detail(event)
        if detail.count > maximumDetailWidth {
            detail = detail.prefix(maximumDetailWidth - 1) + "…"
        }
        return line([
            String(event.seq), DisplayText.time(event.at), event.task, event.type,
            DisplayText.optional(event.actor), detail,
        ])
    }

    private static func line(_ cells: [String]) -> String {
        var text = ""
        for (column, cell) in zip(columns, cells) {
            let cell = String(cell.map { $0.isNewline || $0 == "\t" ? " " : $0 })
            let padding = String(repeating: " ", count: max(0, column.width - cell.count))
            if !text.isEmpty { text += "  " }
            text += column.rightAligned ? padding + cell : cell + padding
        }
        while text.last == " " { text.removeLast() }
        return text + "\n"
    }
}
