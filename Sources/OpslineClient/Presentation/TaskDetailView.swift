import Workflow

/// The `table` output of one task: a key/value block, its fields, its children, its SLA clocks
/// and, when given, its history.
public enum TaskDetailView {
    /// The block for `task`, followed by the history table when `history` is not `nil`.
    public static func render(_ task: TaskLine, history: [EventLine]? = nil) -> String {
        var attributes = summary(task)
        if Presentation.current.colour, let index = attributes.firstIndex(where: { $0.0 == "State" }) {
            attributes[index].1 = StatusColours.state(closed: task.closedAt != nil).paint(task.state)
        }
        var text = keyValues(attributes)
        text += section(
            "Fields", keyValues(fieldRows(task.fields), indent: "  "), empty: task.fields.isEmpty)
        if let children = task.children, !children.isEmpty {
            text += "Children:\n" + children.map { "  \($0)\n" }.joined()
        }
        if let sla = task.sla, !sla.isEmpty {
            text += "SLA:\n" + slaTable.render(cells: sla.map(slaCells))
        }
        if let links = task.links, !links.isEmpty {
            text += "Links:\n" + links.map { "  \($0.type) \($0.task)\n" }.joined()
        }
        if let checklist = task.checklist {
            text += "Checklist (\(checklist.done)/\(checklist.total) ticked in \(checklist.state)):\n"
            text += checklist.items.map(checklistLine).joined()
        }
        if let attachments = task.attachments, !attachments.isEmpty {
            text += "Attachments:\n" + attachmentTable.render(attachments.map(attachmentRow))
        }
        if let history {
            text += "History:\n" + historyBlock(history)
        }
        return text
    }

    /// ` (watched by qa, sales)` after the owning team, or nothing.
    static func watching(_ teams: [String]) -> String {
        teams.isEmpty ? "" : " (watched by \(teams.joined(separator: ", ")))"
    }

    /// The task's own attributes, in reading order.
    public static func summary(_ task: TaskLine) -> [(String, String)] {
        [
            ("ID", task.id),
            ("Title", task.title),
            ("Workflow", "\(task.workflow) (v\(task.workflowVersion))"),
            ("State", task.state),
            ("Priority", DisplayText.optional(task.priority)),
            ("Team", DisplayText.optional(task.team) + Self.watching(task.watchingTeams)),
            ("Assignee", DisplayText.optional(task.assignee)),
            ("Parent", DisplayText.optional(task.parent)),
            ("Version", String(task.version)),
            ("Created", DisplayText.time(task.createdAt)),
            ("Updated", DisplayText.time(task.updatedAt)),
            ("Closed", DisplayText.time(task.closedAt)),
        ]
    }

    /// `key: value` lines with the values aligned.
    static func keyValues(_ pairs: [(String, String)], indent: String = "") -> String {
        let width = (pairs.map(\.0.count).max() ?? 0) + 1
        return pairs.map { key, value in
            let label = key + ":"
            let padding = String(repeating: " ", count: width - label.count + 2)
            return indent + label + padding
                + value.split(whereSeparator: \.isNewline).joined(separator: " ") + "\n"
        }.joined()
    }

    /// The clocks' columns: the working time left and the wall-clock deadline labelled apart.
    private static var slaTable: TableRenderer {
        TableRenderer(
            columns: [
                .init("POLICY"), .init("STATE"), .init("LEFT (WORKING)", alignment: .right),
                .init(DisplayText.dueHeader), .init("DETAIL"),
            ], indent: "  ")
    }

    /// `  [x] item  Title (by alice 2026-…)`: the mark says it in text, not only in colour.
    private static func checklistLine(_ item: ChecklistLine.Item) -> String {
        let title = item.title.map { "  \($0)" } ?? ""
        let who =
            item.by.map { " (by \($0)\(item.at.flatMap(RFC3339.parse).map { " " + DisplayText.time($0) } ?? ""))" }
            ?? ""
        return "  [\(item.done ? "x" : " ")] \(item.item)\(title)\(who)\n"
    }

    /// A file a row: `opsline task download ID ATTACHMENT` takes the id in the first column.
    private static let attachmentTable = TableRenderer(
        columns: [
            .init("ID"), .init("NAME"), .init("SIZE", alignment: .right), .init("FIELD"), .init("BY"),
            .init("UPLOADED"),
        ], indent: "  ")

    private static func attachmentRow(_ file: AttachmentLine) -> [String] {
        [
            file.id, file.name, DisplayText.bytes(file.size), DisplayText.optional(file.field), file.uploadedBy,
            DisplayText.time(file.uploadedAt),
        ]
    }

    private static let historyTable = TableRenderer(
        columns: HistoryView.table.columns, indent: "  ")

    private static func historyBlock(_ history: [EventLine]) -> String {
        history.isEmpty ? "  No events.\n" : historyTable.render(history.map(HistoryView.row))
    }

    private static func fieldRows(_ fields: [String: JSONValue]) -> [(String, String)] {
        fields.keys.sorted().map { ($0, DisplayText.value(fields[$0] ?? .null)) }
    }

    private static func section(_ title: String, _ body: String, empty: Bool) -> String {
        empty ? "\(title): \(DisplayText.none)\n" : "\(title):\n" + body
    }

    private static func slaCells(_ clock: SLAStatus) -> [TableCell] {
        var notes: [String] = []
        if let stopped = clock.stoppedAt { notes.append("stopped \(DisplayText.time(stopped))") }
        if let warned = clock.warnedAt, clock.stoppedAt == nil { notes.append("warned \(DisplayText.time(warned))") }
        if let level = clock.escalationLevel, level > 0 {
            notes.append("escalation level \(level)")
        }
        return [
            TableCell(clock.cycle.flatMap { $0 > 1 ? "\(clock.policy) #\($0)" : nil } ?? clock.policy),
            TableCell(clock.state, colour: clock.colour),
            TableCell(clock.remainingSeconds.map(DisplayText.workingLeft) ?? DisplayText.none, colour: clock.colour),
            TableCell(DisplayText.time(clock.dueAt)), TableCell(notes.joined(separator: ", ")),
        ]
    }
}
