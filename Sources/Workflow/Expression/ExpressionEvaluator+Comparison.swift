extension ExpressionEvaluator {
    /// `left op right`: null when either side is null or the two cannot be compared (a number
    /// with a string, a list with anything), otherwise a bool.
    ///
    /// Numbers compare by value across ints and decimals; strings compare for equality, and for
    /// order by their characters, which orders `YYYY-MM-DD` dates correctly; bools only compare
    /// for equality.
    static func compare(_ left: JSONValue, _ operation: ComparisonOperator, _ right: JSONValue) -> JSONValue {
        guard let order = order(left, right, forEquality: operation.isEquality) else { return .null }
        let holds =
            switch operation {
            case .equal: order == .same
            case .notEqual: order != .same
            case .less: order == .ascending
            case .lessOrEqual: order != .descending
            case .greater: order == .descending
            case .greaterOrEqual: order != .ascending
            }
        return .bool(holds)
    }

    /// How two values relate, for comparisons.
    private enum Order {
        case ascending, same, descending
        /// For an equality test of values that have no order.
        case different
    }

    private static func order(_ left: JSONValue, _ right: JSONValue, forEquality: Bool) -> Order? {
        switch (left, right) {
        case (.string(let left), .string(let right)):
            return left == right ? .same : forEquality ? .different : left < right ? .ascending : .descending
        case (.bool(let left), .bool(let right)) where forEquality:
            return left == right ? .same : .different
        case (.int(let left), .int(let right)):
            return order(left, right)
        case (.int(let left), .double(let right)):
            return order(left, right)
        case (.double(let left), .int(let right)):
            return order(right, left).map(reversed)
        case (.double(let left), .double(let right)):
            return left.isNaN || right.isNaN ? nil : order(left, right)
        default:
            return nil
        }
    }

    private static func order<Number: Comparable>(_ left: Number, _ right: Number) -> Order {
        left < right ? .ascending : left == right ? .same : .descending
    }

    /// Compares an int with a decimal exactly, without the rounding of converting big ints to
    /// `Double`.
    private static func order(_ left: Int64, _ right: Double) -> Order? {
        if right.isNaN { return nil }
        if let whole = Int64(exactly: right) { return order(left, whole) }
        // `right` is fractional (so smaller than 2^52, where converting `left` cannot round
        // across it) or outside Int64's range.
        if right >= 0x1p63 { return .ascending }
        if right < -0x1p63 { return .descending }
        return order(Double(left), right)
    }

    private static func reversed(_ order: Order) -> Order {
        switch order {
        case .ascending: .descending
        case .descending: .ascending
        case .same, .different: order
        }
    }
}
