/// Lays rows out in aligned columns for a terminal, as ``Presentation/current`` says.
///
/// Each column is as wide as its widest cell (or its ``Column/maximumWidth``, with longer cells
/// cut and ending in `…`), counted in terminal columns (a Chinese character takes two); columns
/// are separated by two spaces and lines carry no trailing spaces. Line breaks and tabs inside a
/// cell become spaces, so every row stays on one line.
///
/// The presentation adds three things: with a ``Presentation/width``, columns with a
/// ``Column/dropRank`` are left out, the lowest first, while the table would not fit even with
/// its free text (TITLE) cut to ``comfortableTextWidth``; then the widest columns are narrowed,
/// one column at a time, until the lines fit (none below ``Column/minimumWidth``), and their
/// cells cut with `…`; without
/// ``Presentation/headers`` a top-level table (no ``indent``) leaves its header line out; with
/// ``Presentation/colour`` coloured cells are painted (widths are counted without the escapes).
public struct TableRenderer: Sendable, Hashable {
    /// One column of a table.
    public struct Column: Sendable, Hashable {
        /// Which side of the column a cell sticks to.
        public enum Alignment: Sendable, Hashable {
            case left
            case right
        }

        /// The heading, such as `STATE`.
        public var header: String
        /// The widest a cell may be, in terminal columns; `nil` for no limit.
        public var maximumWidth: Int?
        /// How cells are aligned.
        public var alignment: Alignment

        /// Whether, and how early, the column is left out of a table too wide for the terminal
        /// even with its widest cells cut: the lowest rank first; `nil` for never.
        public var dropRank: Int?

        /// Creates a column.
        public init(_ header: String, maximumWidth: Int? = nil, alignment: Alignment = .left, dropRank: Int? = nil) {
            self.header = header
            self.maximumWidth = maximumWidth
            self.alignment = alignment
            self.dropRank = dropRank
        }

        /// The narrowest the column is made to fit a terminal: its header, but at least 6
        /// columns (a shorter cell keeps its own width).
        var minimumWidth: Int {
            max(TerminalWidth.of(header), 6)
        }
    }

    /// The columns, left to right.
    public var columns: [Column]
    /// Text put before every line, such as two spaces to indent a nested table.
    var indent: String

    /// Creates a renderer.
    public init(columns: [Column], indent: String = "") {
        self.columns = columns
        self.indent = indent
    }

    /// Creates a renderer of left-aligned columns without width limits.
    public init(headers: [String], indent: String = "") {
        self.init(columns: headers.map { Column($0) }, indent: indent)
    }

    /// The header line and one line per row, each ending in `\n`.
    ///
    /// - Parameter rows: The cells of each row, in column order; missing cells are empty and
    ///   extra cells are ignored.
    public func render(_ rows: [[String]]) -> String {
        render(cells: rows.map { $0.map { TableCell($0) } })
    }

    /// The header line and one line per row of coloured cells, each ending in `\n`.
    ///
    /// - Parameter rows: The cells of each row, in column order; missing cells are empty and
    ///   extra cells are ignored.
    public func render(cells rows: [[TableCell]]) -> String {
        let presentation = Presentation.current
        let header = columns.map { TableCell($0.header) }
        let showsHeader = presentation.headers || !indent.isEmpty
        let cells = ((showsHeader ? [header] : []) + rows).map(fitted)
        let natural = columns.indices.map { column in cells.map { TerminalWidth.of($0[column].text) }.max() ?? 0 }
        var shown = Array(columns.indices)
        var widths = natural
        if let width = presentation.width {
            shown = kept(natural, toFit: width)
            widths = narrowed(natural, keeping: shown, toFit: width)
        }
        return cells.map { line($0, widths: widths, shown: shown, colour: presentation.colour) }.joined()
    }

    /// How narrow a column of free text (one with a ``Column/maximumWidth``, such as TITLE) may
    /// become before other columns are dropped to make room.
    static let comfortableTextWidth = 20

    /// The columns kept in `width`: all of them, unless they do not fit with their free text
    /// cut to ``comfortableTextWidth`` and every other cell whole, in which case columns with a
    /// ``Column/dropRank`` are left out, the lowest rank first, until the rest fit or none is
    /// left to drop.
    func kept(_ natural: [Int], toFit width: Int) -> [Int] {
        var kept = Array(columns.indices)
        let comfortable = columns.indices.map {
            columns[$0].maximumWidth == nil ? natural[$0] : min(natural[$0], Self.comfortableTextWidth)
        }
        func needed(_ kept: [Int]) -> Int {
            TerminalWidth.of(indent) + 2 * max(0, kept.count - 1) + kept.reduce(0) { $0 + comfortable[$1] }
        }
        while needed(kept) > width,
            let drop = kept.filter({ columns[$0].dropRank != nil }).min(by: {
                columns[$0].dropRank! < columns[$1].dropRank!
            })
        {
            kept.removeAll { $0 == drop }
        }
        return kept
    }

    /// The widths with the widest of the `kept` columns narrowed, a column at a time, until a
    /// line fits in `width` or no column can give more (none below its ``Column/minimumWidth``).
    func narrowed(_ natural: [Int], keeping kept: [Int], toFit width: Int) -> [Int] {
        var widths = natural
        let fixed = TerminalWidth.of(indent) + 2 * max(0, kept.count - 1)
        var excess = fixed + kept.reduce(0) { $0 + widths[$1] } - width
        let minimums = columns.indices.map { min(natural[$0], columns[$0].minimumWidth) }
        while excess > 0 {
            guard let widest = kept.filter({ widths[$0] > minimums[$0] }).max(by: { widths[$0] < widths[$1] })
            else { break }
            widths[widest] -= 1
            excess -= 1
        }
        return widths
    }

    private func fitted(_ row: [TableCell]) -> [TableCell] {
        columns.indices.map { index in
            var cell = index < row.count ? row[index] : TableCell("")
            cell.text = Self.singleLine(cell.text)
            if let limit = columns[index].maximumWidth { cell.text = Self.cut(cell.text, to: limit) }
            return cell
        }
    }

    private func line(_ cells: [TableCell], widths: [Int], shown columnsShown: [Int], colour: Bool) -> String {
        var text = indent
        for (position, index) in columnsShown.enumerated() {
            let cell = cells[index]
            let shown = Self.cut(cell.text, to: widths[index])
            let padding = String(repeating: " ", count: max(0, widths[index] - TerminalWidth.of(shown)))
            let painted = colour ? cell.colour.map { $0.paint(shown) } ?? shown : shown
            if position > 0 { text += "  " }
            switch columns[index].alignment {
            case .left: text += painted + padding
            case .right: text += padding + painted
            }
        }
        while text.last == " " { text.removeLast() }
        return text + "\n"
    }

    /// `text`, or its longest prefix that fits in `limit - 1` columns followed by `…`.
    static func cut(_ text: String, to limit: Int) -> String {
        guard limit > 0, TerminalWidth.of(text) > limit else { return text }
        return TerminalWidth.prefix(of: text, fitting: limit - 1) + "…"
    }

    private static func singleLine(_ cell: String) -> String {
        String(cell.map { $0.isNewline || $0 == "\t" ? " " : $0 })
    }
}
