extension ExpressionTypeChecker {
    /// Checks `left op right`: equality needs compatible types, order needs numbers or dates.
    func checkComparison(
        _ left: ExpressionNode, _ operation: ComparisonOperator, _ right: ExpressionNode, operatorColumn: Int
    ) throws(ExpressionError) {
        let left = try comparedOperand(left)
        let right = try comparedOperand(right)
        if operation.isEquality {
            try checkEquality(left, right, mismatchColumn: operatorColumn)
        } else {
            try checkOrder(left, right, operation: operation, operatorColumn: operatorColumn)
        }
    }

    /// Checks `value in [items]`: each item must be comparable for equality with the value.
    func checkMembership(of value: ExpressionNode, in items: [ExpressionNode]) throws(ExpressionError) {
        let value = try comparedOperand(value)
        for item in items {
            try checkEquality(value, try comparedOperand(item), mismatchColumn: item.column)
        }
    }

    private func comparedOperand(_ node: ExpressionNode) throws(ExpressionError) -> ComparedOperand {
        ComparedOperand(node: node, type: try type(of: node))
    }

    // MARK: Equality

    private func checkEquality(
        _ left: ComparedOperand, _ right: ComparedOperand, mismatchColumn: Int
    ) throws(ExpressionError) {
        try rejectNullAndLists(left, right)
        switch (left.type, right.type) {
        case (let one, let other) where one.isNumber && other.isNumber: return
        case (.bool, .bool), (.date, .date), (.string, .string): return
        case (.date, .string) where right.stringLiteral != nil: try checkDateLiteral(right)
        case (.string, .date) where left.stringLiteral != nil: try checkDateLiteral(left)
        case (.enumeration(let values), .string): try checkEnumValue(right, of: left, values: values)
        case (.string, .enumeration(let values)): try checkEnumValue(left, of: right, values: values)
        case (.enumeration(let one), .enumeration(let other)):
            guard !Set(one).isDisjoint(with: other) else {
                throw ExpressionError(
                    "\(left.subject) and \(right.subject) have no values in common, so they are never equal",
                    column: mismatchColumn
                )
            }
        default:
            throw ExpressionError("cannot compare \(left.phrase) with \(right.phrase)", column: mismatchColumn)
        }
    }

    /// A string literal compared with an enum must be one of its values: this catches typos such
    /// as `severity == 'p0'`, which would otherwise silently never match.
    private func checkEnumValue(
        _ text: ComparedOperand, of enumeration: ComparedOperand, values: [String]
    ) throws(ExpressionError) {
        guard let literal = text.stringLiteral, !values.contains(literal) else { return }
        throw ExpressionError(
            "\(enumeration.subject) is \(enumeration.type); '\(literal)' is not one of its values",
            column: text.node.column
        )
    }

    // MARK: Order

    private func checkOrder(
        _ left: ComparedOperand, _ right: ComparedOperand, operation: ComparisonOperator, operatorColumn: Int
    ) throws(ExpressionError) {
        try rejectNullAndLists(left, right)
        switch (left.type, right.type) {
        case (let one, let other) where one.isNumber && other.isNumber: return
        case (.date, .date): return
        case (.date, .string) where right.stringLiteral != nil: try checkDateLiteral(right)
        case (.string, .date) where left.stringLiteral != nil: try checkDateLiteral(left)
        default:
            let unordered = left.type.isNumber || left.type == .date ? right : left
            guard unordered.type.isNumber || unordered.type == .date else {
                throw ExpressionError(
                    "'\(operation.rawValue)' compares numbers or dates"
                        + Self.mismatch(unordered.node, unordered.type),
                    column: unordered.node.column
                )
            }
            throw ExpressionError("cannot compare \(left.phrase) with \(right.phrase)", column: operatorColumn)
        }
    }

    // MARK: Shared rules

    /// `x == null` is never true under null semantics, so it is refused in favour of `is null`;
    /// lists have no equality or order.
    private func rejectNullAndLists(_ operands: ComparedOperand...) throws(ExpressionError) {
        for operand in operands {
            if operand.type == .null {
                throw ExpressionError(
                    "comparing with null is never true; use 'is null' or 'is not null'", column: operand.node.column)
            }
            if case .list = operand.type {
                throw ExpressionError(
                    "\(operand.subject) is \(operand.type); lists can only be tested with 'is null' or 'is not null'",
                    column: operand.node.column
                )
            }
        }
    }

    private func checkDateLiteral(_ operand: ComparedOperand) throws(ExpressionError) {
        guard let text = operand.stringLiteral, !CalendarDate.isValid(text) else { return }
        throw ExpressionError(
            "'\(text)' is not a valid date; write dates as YYYY-MM-DD, e.g. 2026-10-01", column: operand.node.column)
    }
}

/// One side of a comparison, with its type and how to name it in a message.
struct ComparedOperand {
    /// The operand's node.
    let node: ExpressionNode
    /// The operand's type.
    let type: ExpressionType

    /// The text, when the operand is a string literal.
    var stringLiteral: String? {
        if case .literal(.string(let text)) = node.kind { return text }
        return nil
    }

    /// The operand as the subject of a sentence: `'severity'` for a field, `the value` otherwise.
    var subject: String {
        if case .field(let name) = node.kind { return "'\(name)'" }
        return "the value"
    }

    /// The operand with its type: `'score' (int)`, `'high' (string)`, or just `decimal`.
    var phrase: String {
        switch node.kind {
        case .field(let name): "'\(name)' (\(type))"
        case .literal(.string(let text)): "'\(text)' (string)"
        default: "\(type)"
        }
    }
}
