/// A parsed workflow expression: a transition guard (`when: "score >= 15"`), a choice condition
/// or a computed field's formula (`compute: "likelihood * impact"`).
///
/// The language is small and safe: literals (`15`, `1.5`, `'p1'`, `"p1"`, `true`, `false`,
/// `null`), field names, `+ - * /`, unary `-`, comparisons (`== != < <= > >=`), `in [..]`,
/// `not in [..]`, `is null`, `is not null`, `and`, `or`, `not` and parentheses. It can read the
/// task's fields and nothing else.
public struct Expression: Sendable, Hashable {
    /// The longest expression text accepted, in UTF-8 bytes.
    static let maximumLength = 4096
    /// How deeply parentheses, `in` lists, `not` and unary `-` may nest, so that hostile input
    /// cannot exhaust the stack while the expression is parsed, checked or evaluated.
    static let maximumDepth = 64

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

    /// Checks the expression against a workflow's declared fields and finds the type of its value.
    ///
    /// Arithmetic needs numbers (`int op int` is `int`, except `/`, which is `decimal`, as is any
    /// mix); `and`, `or` and `not` need bools; `==` and `!=` need compatible types; `<`, `<=`,
    /// `>`, `>=` need numbers or dates; a date compares with a date field or a valid
    /// `'YYYY-MM-DD'` literal; a string literal compared with an enum field must be one of its
    /// values; comparing with `null` is refused in favour of `is null`, which works on anything.
    /// - Parameter fields: The workflow's fields by name.
    /// - Returns: The type of the expression's value.
    /// - Throws: ``ExpressionError`` for an unknown field or a type error, at the column of the
    ///   offending part.
    func typeCheck(fields: [String: FieldType]) throws(ExpressionError) -> ExpressionType {
        try ExpressionTypeChecker(fields: fields).type(of: root)
    }

    /// Checks that the expression is a condition (a guard or a choice): it type-checks and its
    /// value is a bool.
    /// - Parameter fields: The workflow's fields by name.
    /// - Throws: ``ExpressionError``, e.g. `expected a bool condition, got int`.
    func typeCheckCondition(fields: [String: FieldType]) throws(ExpressionError) {
        let type = try typeCheck(fields: fields)
        guard type == .bool else {
            throw ExpressionError("expected a bool condition, got \(type)", column: root.column)
        }
    }

    /// Checks that the expression can compute a field's value: it type-checks and its type can be
    /// stored in the field (see ``ExpressionType/canBeStored(in:)``).
    /// - Parameters:
    ///   - name: The computed field's name, for the message.
    ///   - type: The computed field's declared type.
    ///   - fields: The workflow's fields by name.
    /// - Returns: The type of the expression's value.
    /// - Throws: ``ExpressionError``, e.g. `field 'score' is int but the expression gives decimal`.
    @discardableResult
    func typeCheckComputedField(
        named name: String, type: FieldType, fields: [String: FieldType]
    ) throws(ExpressionError) -> ExpressionType {
        let computed = try typeCheck(fields: fields)
        guard computed.canBeStored(in: type) else {
            throw ExpressionError(
                "field '\(name)' is \(type) but the expression gives \(computed)", column: root.column)
        }
        return computed
    }

    /// Computes the expression's value from a task's fields. It never throws and never traps.
    ///
    /// Null works as in SQL, meaning "unknown":
    /// - A field that is missing reads as null.
    /// - Arithmetic or a comparison (`==`, `<`, `in`, ...) with a null operand gives null, so
    ///   `severity == 'p1'` is null, not false, when severity is unset. Use `is null` and
    ///   `is not null` to test for null; they always give a bool.
    /// - `and`, `or` and `not` use three-valued logic: `false and null` is false,
    ///   `true or null` is true, `true and null`, `false or null` and `not null` are null.
    /// - `x in [a, b]` means `x == a or x == b`, so it is null when nothing matches and an item
    ///   is null; `x not in [..]` is `not (x in [..])`.
    /// - Values that cannot be combined also give null: division by zero, an `int` result that
    ///   overflows 64 bits (rather than trapping or silently becoming a decimal), a decimal result
    ///   that is not finite, and operands of the wrong kind in an expression that was not
    ///   type-checked or a field holding an unexpected value.
    ///
    /// Numbers are `.int` or `.double`; `/` always gives a `.double`. Dates are `YYYY-MM-DD`
    /// strings and order as such.
    /// - Parameter fields: The task's fields by name.
    /// - Returns: The value; for a condition, `.bool` or `.null`.
    func evaluate(_ fields: [String: JSONValue]) -> JSONValue {
        ExpressionEvaluator(fields: fields).value(of: root)
    }

    /// Whether a guard or choice condition passes for a task: only when its value is exactly
    /// `true`, so an unknown (null) condition does not pass.
    /// - Parameter fields: The task's fields by name.
    func isSatisfied(by fields: [String: JSONValue]) -> Bool {
        evaluate(fields) == .bool(true)
    }
}

extension Expression: CustomStringConvertible {
    /// The expression's source text.
    public var description: String { source }
}
