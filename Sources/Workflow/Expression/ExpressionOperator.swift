/// `+`, `-`, `*` or `/`.
enum ArithmeticOperator: String, Sendable, Hashable {
    case add = "+"
    case subtract = "-"
    case multiply = "*"
    case divide = "/"
}

/// `==`, `!=`, `<`, `<=`, `>` or `>=`.
enum ComparisonOperator: String, Sendable, Hashable {
    case equal = "=="
    case notEqual = "!="
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="

    /// Whether the operator only asks for equality, which every kind of value supports; the
    /// others need an order (numbers and dates).
    var isEquality: Bool {
        self == .equal || self == .notEqual
    }

    /// The operator a token spells, if it spells one.
    init?(_ symbol: ExpressionSymbol) {
        self.init(rawValue: symbol.rawValue)
    }
}

/// `and` or `or`.
enum LogicalOperator: String, Sendable, Hashable {
    case and
    case or
}
