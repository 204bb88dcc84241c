/// Lays rows out in aligned columns for a terminal.
///
/// Each column is as wide as its widest cell (or its ``Column/maximumWidth``, with longer cells
/// cut and ending in `…`), counted in terminal columns (a Chinese character takes two); columns
/// are separated by two spaces and lines carry no trailing spaces. Line breaks and tabs inside a cell become spaces, so every row stays on one line.
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

        /// Creates a column.
        public init(_ header: String, maximumWidth: Int? = nil, alignment: Alignment = .left) {
            self.header = header
            self.maximumWidth = maximumWidth
            self.alignment = alignment
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
        let cells = ([columns.map(\.header)] + rows).map(fitted)
        let widths = columns.indices.map { column in cells.map { TerminalWidth.of($0[column]) }.max() ?? 0 }
        return cells.map { line($0, widths: widths) }.joined()
    }

    private func fitted(_ row: [String]) -> [String] {
        columns.indices.map { index in
            let cell = index < row.count ? Self.singleLine(row[index]) : ""
            guard let limit = columns[index].maximumWidth, TerminalWidth.of(cell) > limit, limit > 0 else {
                return cell
            }
            return TerminalWidth.prefix(of: cell, fitting: limit - 1) + "…"
        }
    }

    private func line(_ cells: [String], widths: [Int]) -> String {
        var text = indent
        for (index, cell) in cells.enumerated() {
            let padding = String(repeating: " ", count: widths[index] - TerminalWidth.of(cell))
            if index > 0 { text += "  " }
            switch columns[index].alignment {
            case .left: text += cell + padding
            case .right: text += padding + cell
            }
        }
        while text.last == " " { text.removeLast() }
        return text + "\n"
    }

    private static func singleLine(_ cell: String) -> String {
        String(cell.map { $0.isNewline || $0 == "\t" ? " " : $0 })
    }
}
