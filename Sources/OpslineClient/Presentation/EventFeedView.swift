/// The `table` output of a followed event stream: SEQ, AT, TASK, TYPE, ACTOR, DETAIL.
///
/// Rows are printed one by one as events arrive, so the columns have fixed widths instead of
/// the widths of the widest cell (a longer cell pushes the rest of its row right). DETAIL takes
/// what is left of the ``Presentation/width``, and at most ``maximumDetailWidth``.
public enum EventFeedView {
    /// A column: its heading, its width, and which side its cells stick to.
    private struct Column {
        let header: String
        let width: Int
        var rightAligned = false
    }

    /// The columns; AT is as wide as a time in the presentation's zone (`Z`, or an offset
    /// such as `+08:00`).
    private static var columns: [Column] {
        [
            Column(header: "SEQ", width: 6, rightAligned: true),
            Column(header: "AT", width: Presentation.current.timeZoneLabel == "UTC" ? 20 : 25),
            Column(header: "TASK", width: 10), Column(header: "TYPE", width: 12),
            Column(header: "ACTOR", width: 12), Column(header: "DETAIL", width: 0),
        ]
    }

    /// The longest DETAIL shown; longer ones are cut and end in `…`.
    static let maximumDetailWidth = 80

    /// The header line, ending in `\n`.
    public static var header: String {
        line(columns.map { TableCell($0.header) })
    }

    /// One event's row, ending in `\n`.
    public static func row(_ event: EventLine) -> String {
        let columns = Self.columns
        let before = columns.dropLast().reduce(0) { $0 + $1.width + 2 }
        let room = Presentation.current.width.map { max(10, $0 - before) } ?? maximumDetailWidth
        let detail = TableRenderer.cut(HistoryView.detail(event), to: min(maximumDetailWidth, room))
        return line([
            TableCell(String(event.seq)), TableCell(DisplayText.time(event.at)), TableCell(event.task),
            TableCell(event.type, colour: colour(ofType: event.type)), TableCell(DisplayText.optional(event.actor)),
            TableCell(detail),
        ])
    }

    /// Breaches and failures red, warnings and escalations yellow, met clocks green.
    static func colour(ofType type: String) -> TextColour? {
        switch type {
        case "sla_breached", "timer_failed", "escalation_failed": .red
        case "sla_warning", "escalated": .yellow
        case "sla_met": .green
        default: nil
        }
    }

    private static func line(_ cells: [TableCell]) -> String {
        let colour = Presentation.current.colour
        let columns = Self.columns
        var text = ""
        for (column, cell) in zip(columns, cells) {
            let shown = String(cell.text.map { $0.isNewline || $0 == "\t" ? " " : $0 })
            let padding = String(repeating: " ", count: max(0, column.width - TerminalWidth.of(shown)))
            let painted = colour ? cell.colour.map { $0.paint(shown) } ?? shown : shown
            if !text.isEmpty { text += "  " }
            text += column.rightAligned ? padding + painted : painted + padding
        }
        while text.last == " " { text.removeLast() }
        return text + "\n"
    }
}
