/// One node of a parsed expression, with the column where its text starts.
///
/// Chains of the same precedence (`a + b - c`, `a and b and c`) are kept flat rather than nested,
/// so the tree's height follows the author's nesting (parentheses, `not`, unary `-`), which the
/// parser limits; a long but flat expression cannot make checking or evaluation recurse deeply.
struct ExpressionNode: Sendable, Hashable {
    /// What the node computes.
    indirect enum Kind: Sendable, Hashable {
        /// A constant: `15`, `1.5`, `'p1'`, `true`, `null`.
        case literal(ExpressionLiteral)
        /// A task field, read by name.
        case field(String)
        /// Unary minus.
        case negation(ExpressionNode)
        /// A left-to-right chain of `+ -` or of `* /`, e.g. `a + b - c`.
        case arithmetic(ExpressionNode, [ArithmeticStep])
        /// `left op right`; comparisons do not chain.
        case comparison(ExpressionNode, ComparisonOperator, ExpressionNode, operatorColumn: Int)
        /// `value in [items]`, or `value not in [items]` when negated.
        case membership(ExpressionNode, [ExpressionNode], isNegated: Bool)
        /// `value is null`, or `value is not null` when negated.
        case nullTest(ExpressionNode, isNegated: Bool)
        /// Prefix `not`.
        case not(ExpressionNode)
        /// Two or more operands joined by the same `and` or `or`.
        case logical(LogicalOperator, [ExpressionNode])
    }

    /// What the node computes.
    let kind: Kind
    /// The 1-based column of the node's first character.
    let column: Int
}

/// One `op operand` link of an arithmetic chain.
struct ArithmeticStep: Sendable, Hashable {
    /// The operator joining the operand to what comes before it.
    let operation: ArithmeticOperator
    /// The right-hand operand.
    let operand: ExpressionNode
    /// The 1-based column of the operator.
    let operatorColumn: Int
}

/// A constant written in an expression.
enum ExpressionLiteral: Sendable, Hashable {
    case null
    case bool(Bool)
    case integer(Int64)
    case decimal(Double)
    case string(String)
}

extension ExpressionNode {
    /// The nodes directly below this one, left to right.
    var children: [ExpressionNode] {
        switch kind {
        case .literal, .field: []
        case .negation(let operand), .not(let operand), .nullTest(let operand, _): [operand]
        case .arithmetic(let first, let steps): [first] + steps.map(\.operand)
        case .comparison(let left, _, let right, _): [left, right]
        case .membership(let value, let items, _): [value] + items
        case .logical(_, let operands): operands
        }
    }

    /// The names of the fields the node reads, anywhere below it.
    var fieldNames: Set<String> {
        var names: Set<String> = []
        var pending = [self]
        while let node = pending.popLast() {
            if case .field(let name) = node.kind { names.insert(name) }
            pending.append(contentsOf: node.children)
        }
        return names
    }
}
