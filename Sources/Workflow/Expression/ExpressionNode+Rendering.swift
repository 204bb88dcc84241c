extension ExpressionNode {
    /// The node written back with every operation in parentheses, e.g. `(a + (b * c))`, which
    /// shows how precedence and associativity were applied.
    var parenthesized: String {
        switch kind {
        case .literal(let literal): literal.spelling
        case .field(let name): name
        case .negation(let operand): "(-\(operand.parenthesized))"
        case .not(let operand): "(not \(operand.parenthesized))"
        case .arithmetic(let first, let steps):
            steps.reduce(first.parenthesized) { "(\($0) \($1.operation.rawValue) \($1.operand.parenthesized))" }
        case .comparison(let left, let operation, let right, _):
            "(\(left.parenthesized) \(operation.rawValue) \(right.parenthesized))"
        case .membership(let value, let items, let isNegated):
            "(\(value.parenthesized) \(isNegated ? "not in" : "in") [\(items.map(\.parenthesized).joined(separator: ", "))])"
        case .nullTest(let operand, let isNegated):
            "(\(operand.parenthesized) \(isNegated ? "is not null" : "is null"))"
        case .logical(let operation, let operands):
            operands.dropFirst().reduce(operands[0].parenthesized) {
                "(\($0) \(operation.rawValue) \($1.parenthesized))"
            }
        }
    }
}

extension ExpressionLiteral {
    /// The literal as it could be written in an expression.
    var spelling: String {
        switch self {
        case .null: "null"
        case .bool(let value): "\(value)"
        case .integer(let value): "\(value)"
        case .decimal(let value): "\(value)"
        case .string(let value):
            "'" + value.map { $0 == "\\" || $0 == "'" ? "\\\($0)" : "\($0)" }.joined() + "'"
        }
    }
}
