/// The few colours tables use, for task states and SLA statuses.
public enum TextColour: Sendable, Hashable {
    /// Breached, overdue: act now.
    case red
    /// Warned: act soon.
    case yellow
    /// Running well, met.
    case green
    /// An open task's state.
    case cyan
    /// Closed, paused, stopped: nothing to do.
    case faint

    /// The ANSI escape that starts the colour.
    var escape: String {
        switch self {
        case .red: "\u{1B}[31m"
        case .yellow: "\u{1B}[33m"
        case .green: "\u{1B}[32m"
        case .cyan: "\u{1B}[36m"
        case .faint: "\u{1B}[2m"
        }
    }

    /// The ANSI escape that ends any colour.
    static let reset = "\u{1B}[0m"

    /// `text` in this colour.
    func paint(_ text: String) -> String {
        text.isEmpty ? text : escape + text + Self.reset
    }
}

/// One cell of a table: its text and, when the presentation allows colour, its colour.
public struct TableCell: Sendable, Hashable, ExpressibleByStringLiteral {
    /// What the cell says.
    public var text: String
    /// Its colour, if any.
    public var colour: TextColour?

    /// Creates a cell.
    public init(_ text: String, colour: TextColour? = nil) {
        self.text = text
        self.colour = colour
    }

    /// A plain cell.
    public init(stringLiteral text: String) {
        self.init(text)
    }
}
