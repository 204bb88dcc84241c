/// The text of an expression in a workflow file (`when:` guards, choice branches, `compute:`),
/// kept with where it was written so that errors in it can point at the file.
///
/// The text is parsed when the source is made; the loader's `ExpressionCheck.check(_:file:)`
/// type-checks it against the workflow's fields.
public struct ExpressionSource: Sendable, Hashable, CustomStringConvertible {
    /// The expression as written, e.g. `score >= 15`.
    public let text: String
    /// The parsed expression, ready to evaluate.
    public let expression: Expression
    /// The 1-based line of the expression's first character.
    public let line: Int
    /// The 1-based column of the expression's first character (inside the quotes when quoted; at
    /// the `|` or `>` of a block scalar).
    public let column: Int

    /// Parses an expression written at a place in a file.
    /// - Parameters:
    ///   - text: The expression as written.
    ///   - line: The 1-based line of its first character.
    ///   - column: The 1-based column of its first character.
    /// - Throws: The syntax error, with its column inside `text`.
    public init(text: String, line: Int, column: Int) throws(ExpressionError) {
        self.text = text
        self.expression = try Expression.parse(text)
        self.line = line
        self.column = column
    }

    /// The expression's text.
    public var description: String { text }
}
