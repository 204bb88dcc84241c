/// A parsed workflow expression: a transition guard (`when: "score >= 15"`), a choice condition
/// or a computed field's formula (`compute: "likelihood * impact"`).
///
/// The language is small and safe: literals (`15`, `1.5`, `'p1'`, `"p1"`, `true`, `false`,
/// `null`), field names, `+ - * /`, unary `-`, comparisons (`== != < <= > >=`), `in [..]`,
/// `not in [..]`, `is null`, `is not null`, `and`, `or`, `not` and parentheses. It can read the
/// task's fields and nothing else.
public struct Expression: Sendable, Hashable {
    /// The longest expression text accepted, in UTF-8 bytes.
    public static let maximumLength = 4096
    /// How deeply parentheses, `in` lists, `not` and unary `-` may nest, so that hostile input
    /// cannot exhaust the stack while the expression is parsed, checked or evaluated.
    public static let maximumDepth = 64

    /// The text the expression was parsed from.
    public let source: String
    /// The names of the fields the expression reads, e.g. `likelihood` and `impact` for
    /// `likelihood * impact`; computed fields use them to order their evaluation and find cycles.
    public let fieldNames: Set<String>
    /// The parsed tree.
    let root: ExpressionNode

    private init(source: String, root: ExpressionNode) {
        self.source = source
        self.root = root
        self.fieldNames = root.fieldNames
    }

    /// Parses expression text.
    /// - Parameter text: The expression, e.g. `severity in ['p1', 'p2'] and score >= 15`.
    /// - Returns: The parsed expression; it is not yet checked against any fields.
    /// - Throws: ``ExpressionError`` for a syntax error, an expression longer than
    ///   ``maximumLength`` bytes or nested deeper than ``maximumDepth``, with the 1-based column
    ///   (in Unicode scalars) where the problem is.
    public static func parse(_ text: String) throws(ExpressionError) -> Expression {
        Expression(source: text, root: try ExpressionParser.parse(text))
    }
}

extension Expression: CustomStringConvertible {
    /// The expression's source text.
    public var description: String { source }
}
