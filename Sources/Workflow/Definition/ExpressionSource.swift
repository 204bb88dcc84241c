/// The text of an expression in a workflow file (`when:` guards, choice branches, `compute:`),
/// kept with where it was written so that errors in it can point at the file.
///
/// Expressions are stored as written for now; the loader's `ExpressionCheck.check(_:file:)` is the one place
/// that will parse and type-check them.
public struct ExpressionSource: Sendable, Hashable, CustomStringConvertible {
    /// The expression as written, e.g. `score >= 15`.
    public let text: String
    /// The 1-based line of the expression's first character.
    public let line: Int
    /// The 1-based column of the expression's first character (inside the quotes when quoted; at
    /// the `|` or `>` of a block scalar).
    public let column: Int

    /// Creates an expression source.
    /// - Parameters:
    ///   - text: The expression as written.
    ///   - line: The 1-based line of its first character.
    ///   - column: The 1-based column of its first character.
    public init(text: String, line: Int, column: Int) {
        self.text = text
        self.line = line
        self.column = column
    }

    /// The expression's text.
    public var description: String { text }
}
