/// Builds the tree of an expression by recursive descent, one function per precedence level.
///
/// Precedence, lowest first: `or`; `and`; prefix `not`; comparisons (`== != < <= > >=`, `in`,
/// `not in`, `is null`, `is not null`), which do not chain; `+ -`; `* /`; unary `-`; parentheses.
struct ExpressionParser {
    private let tokens: [ExpressionToken]
    private var index = 0
    /// How many parentheses, lists and prefix operators enclose the current position.
    private var depth = 0

    private init(tokens: [ExpressionToken]) {
        self.tokens = tokens
    }

    /// Parses a whole expression.
    static func parse(_ text: String) throws(ExpressionError) -> ExpressionNode {
        let length = text.utf8.count
        guard length <= Expression.maximumLength else {
            throw ExpressionError(
                "expression is too long: \(length) bytes, at most \(Expression.maximumLength) are allowed",
                column: 1
            )
        }
        var parser = ExpressionParser(tokens: try ExpressionLexer.tokens(of: text))
        guard parser.current.kind != .end else { throw ExpressionError("empty expression", column: 1) }
        let root = try parser.parseOr()
        guard parser.current.kind == .end else { throw parser.unexpected(parser.current) }
        return root
    }

    // MARK: Logic

    private mutating func parseOr() throws(ExpressionError) -> ExpressionNode {
        var operands = [try parseAnd()]
        while current.is(.or) {
            advance()
            operands.append(try parseAnd())
        }
        return Self.joined(operands, by: .or)
    }

    private mutating func parseAnd() throws(ExpressionError) -> ExpressionNode {
        var operands = [try parseNot()]
        while current.is(.and) {
            advance()
            operands.append(try parseNot())
        }
        return Self.joined(operands, by: .and)
    }

    private static func joined(_ operands: [ExpressionNode], by operation: LogicalOperator) -> ExpressionNode {
        guard operands.count > 1 else { return operands[0] }
        return ExpressionNode(kind: .logical(operation, operands), column: operands[0].column)
    }

    private mutating func parseNot() throws(ExpressionError) -> ExpressionNode {
        guard current.is(.not) else { return try parseComparison() }
        let notToken = advance()
        try enterNesting(at: notToken)
        defer { leaveNesting() }
        return ExpressionNode(kind: .not(try parseNot()), column: notToken.column)
    }

    // MARK: Comparisons

    private mutating func parseComparison() throws(ExpressionError) -> ExpressionNode {
        let left = try parseAdditive()
        guard let comparison = try parseComparisonTail(after: left) else { return left }
        if startsComparison(current) {
            throw ExpressionError(
                "comparisons cannot be chained; join them with 'and', e.g. a < b and b < c",
                column: current.column
            )
        }
        return comparison
    }

    private func startsComparison(_ token: ExpressionToken) -> Bool {
        if case .symbol(let symbol) = token.kind, ComparisonOperator(symbol) != nil { return true }
        return token.is(.in) || token.is(.is) || (token.is(.not) && peek().is(.in))
    }

    /// The comparison that follows `left`, or nil when none does.
    private mutating func parseComparisonTail(
        after left: ExpressionNode
    ) throws(ExpressionError) -> ExpressionNode? {
        if case .symbol(let symbol) = current.kind, let operation = ComparisonOperator(symbol) {
            let operatorColumn = advance().column
            let right = try parseAdditive()
            return ExpressionNode(
                kind: .comparison(left, operation, right, operatorColumn: operatorColumn), column: left.column)
        }
        if current.is(.in) || (current.is(.not) && peek().is(.in)) {
            let isNegated = current.is(.not)
            if isNegated { advance() }
            advance()
            let items = try parseList()
            return ExpressionNode(kind: .membership(left, items, isNegated: isNegated), column: left.column)
        }
        if current.is(.is) {
            return ExpressionNode(kind: .nullTest(left, isNegated: try parseNullTest()), column: left.column)
        }
        return nil
    }

    /// Reads `null` or `not null` after `is`; returns whether it was `not null`.
    private mutating func parseNullTest() throws(ExpressionError) -> Bool {
        advance()
        let isNegated = current.is(.not)
        if isNegated { advance() }
        guard current.is(.null) else {
            let expected = isNegated ? "'null' after 'is not'" : "'null' or 'not null' after 'is'"
            throw ExpressionError("expected \(expected), got \(current.quoted)", column: current.column)
        }
        advance()
        return isNegated
    }

    /// Reads `[item, item, ...]` after `in`.
    private mutating func parseList() throws(ExpressionError) -> [ExpressionNode] {
        guard current.is(.openBracket) else {
            throw ExpressionError(
                "expected a list after 'in', e.g. ['p1', 'p2'], got \(current.quoted)", column: current.column)
        }
        let open = advance()
        try enterNesting(at: open)
        defer { leaveNesting() }
        guard !current.is(.closeBracket) else {
            throw ExpressionError("an empty list matches nothing; list at least one value", column: open.column)
        }
        var items = [try parseAdditive()]
        while current.is(.comma) {
            advance()
            items.append(try parseAdditive())
        }
        guard current.is(.closeBracket) else { throw missingClose("]", opening: open, what: "list") }
        advance()
        return items
    }

    // MARK: Arithmetic

    private mutating func parseAdditive() throws(ExpressionError) -> ExpressionNode {
        let first = try parseMultiplicative()
        var steps: [ArithmeticStep] = []
        while let operation = arithmeticOperator(among: [.add, .subtract]) {
            let operatorColumn = advance().column
            steps.append(
                ArithmeticStep(operation: operation, operand: try parseMultiplicative(), operatorColumn: operatorColumn)
            )
        }
        return steps.isEmpty ? first : ExpressionNode(kind: .arithmetic(first, steps), column: first.column)
    }

    private mutating func parseMultiplicative() throws(ExpressionError) -> ExpressionNode {
        let first = try parseUnary()
        var steps: [ArithmeticStep] = []
        while let operation = arithmeticOperator(among: [.multiply, .divide]) {
            let operatorColumn = advance().column
            steps.append(
                ArithmeticStep(operation: operation, operand: try parseUnary(), operatorColumn: operatorColumn))
        }
        return steps.isEmpty ? first : ExpressionNode(kind: .arithmetic(first, steps), column: first.column)
    }

    private func arithmeticOperator(among operations: [ArithmeticOperator]) -> ArithmeticOperator? {
        guard case .symbol(let symbol) = current.kind,
            let operation = ArithmeticOperator(rawValue: symbol.rawValue)
        else { return nil }
        return operations.contains(operation) ? operation : nil
    }

    private mutating func parseUnary() throws(ExpressionError) -> ExpressionNode {
        guard current.is(.minus) else { return try parsePrimary() }
        let minus = advance()
        try enterNesting(at: minus)
        defer { leaveNesting() }
        return ExpressionNode(kind: .negation(try parseUnary()), column: minus.column)
    }

    // MARK: Values

    private mutating func parsePrimary() throws(ExpressionError) -> ExpressionNode {
        let token = current
        if let literal = Self.literal(token) {
            advance()
            return ExpressionNode(kind: .literal(literal), column: token.column)
        }
        switch token.kind {
        case .identifier(let name):
            advance()
            return ExpressionNode(kind: .field(name), column: token.column)
        case .symbol(.openParenthesis):
            return try parseParenthesized()
        case .symbol(.openBracket):
            throw ExpressionError(
                "a list is only allowed after 'in' or 'not in', e.g. severity in ['p1', 'p2']", column: token.column)
        case .end:
            throw ExpressionError("expected a value after \(tokens[index - 1].quoted)", column: token.column)
        default:
            throw unexpected(token)
        }
    }

    private static func literal(_ token: ExpressionToken) -> ExpressionLiteral? {
        switch token.kind {
        case .integer(let value): .integer(value)
        case .decimal(let value): .decimal(value)
        case .string(let value): .string(value)
        case .keyword(.true): .bool(true)
        case .keyword(.false): .bool(false)
        case .keyword(.null): .null
        default: nil
        }
    }

    private mutating func parseParenthesized() throws(ExpressionError) -> ExpressionNode {
        let open = advance()
        try enterNesting(at: open)
        defer { leaveNesting() }
        let inner = try parseOr()
        guard current.is(.closeParenthesis) else { throw missingClose(")", opening: open, what: "'('") }
        advance()
        return inner
    }

    // MARK: Errors

    /// The error for a token that cannot stand where it is.
    private func unexpected(_ token: ExpressionToken) -> ExpressionError {
        if Self.startsValue(token) {
            return ExpressionError("expected an operator before \(token.quoted)", column: token.column)
        }
        return ExpressionError("unexpected \(token.quoted)", column: token.column)
    }

    private func missingClose(_ closing: String, opening: ExpressionToken, what: String) -> ExpressionError {
        guard
            current.kind == .end || current.is(.comma) || current.is(.closeBracket)
                || current.is(.closeParenthesis)
        else { return unexpected(current) }
        return ExpressionError(
            "expected '\(closing)' to close the \(what) at column \(opening.column), got \(current.quoted)",
            column: current.column
        )
    }

    private static func startsValue(_ token: ExpressionToken) -> Bool {
        switch token.kind {
        case .identifier, .integer, .decimal, .string, .keyword(.true), .keyword(.false), .keyword(.null),
            .symbol(.openParenthesis):
            true
        default:
            false
        }
    }

    // MARK: Reading

    private var current: ExpressionToken { tokens[index] }

    /// The token after the current one (the end token when there is none).
    private func peek() -> ExpressionToken {
        tokens[min(index + 1, tokens.count - 1)]
    }

    /// Moves past the current token and returns it; never moves past the end token.
    @discardableResult
    private mutating func advance() -> ExpressionToken {
        let token = tokens[index]
        if index < tokens.count - 1 { index += 1 }
        return token
    }

    private mutating func enterNesting(at token: ExpressionToken) throws(ExpressionError) {
        guard depth < Expression.maximumDepth else {
            throw ExpressionError(
                "expression is nested too deeply: more than \(Expression.maximumDepth) levels", column: token.column)
        }
        depth += 1
    }

    private mutating func leaveNesting() {
        depth -= 1
    }
}
