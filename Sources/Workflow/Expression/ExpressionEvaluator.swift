/// Computes an expression's value from a task's fields, with SQL-style null semantics.
///
/// Evaluation is total: it works on unchecked expressions and on fields holding unexpected kinds
/// of values, and any operation it cannot give a meaning to yields null instead of failing.
struct ExpressionEvaluator {
    /// The task's fields by name; a missing field reads as null.
    let fields: [String: JSONValue]

    /// The value of the node.
    func value(of node: ExpressionNode) -> JSONValue {
        switch node.kind {
        case .literal(let literal): Self.value(of: literal)
        case .field(let name): fields[name] ?? .null
        case .negation(let operand): Self.negate(value(of: operand))
        case .arithmetic(let first, let steps): arithmetic(first: first, steps: steps)
        case .comparison(let left, let operation, let right, _):
            Self.compare(value(of: left), operation, value(of: right))
        case .membership(let candidate, let items, let isNegated):
            Self.not(membership(of: value(of: candidate), in: items), if: isNegated)
        case .nullTest(let operand, let isNegated): .bool((value(of: operand) == .null) != isNegated)
        case .not(let operand): Self.not(value(of: operand), if: true)
        case .logical(.and, let operands): Self.all(operands.lazy.map(value(of:)))
        case .logical(.or, let operands): Self.any(operands.lazy.map(value(of:)))
        }
    }

    private static func value(of literal: ExpressionLiteral) -> JSONValue {
        switch literal {
        case .null: .null
        case .bool(let value): .bool(value)
        case .integer(let value): .int(value)
        case .decimal(let value): .double(value)
        case .string(let value): .string(value)
        }
    }

    private func arithmetic(first: ExpressionNode, steps: [ArithmeticStep]) -> JSONValue {
        var result = value(of: first)
        for step in steps where result != .null {
            result = Self.apply(step.operation, result, value(of: step.operand))
        }
        return result
    }

    // MARK: Three-valued logic

    /// `true` when every value is true, `false` as soon as one is false, null otherwise. The
    /// values are produced lazily, so evaluation stops at the first false operand.
    private static func all(_ values: some Sequence<JSONValue>) -> JSONValue {
        var isUnknown = false
        for value in values {
            switch value {
            case .bool(false): return .bool(false)
            case .bool(true): continue
            default: isUnknown = true
            }
        }
        return isUnknown ? .null : .bool(true)
    }

    /// `true` as soon as one value is true, `false` when every value is false, null otherwise.
    private static func any(_ values: some Sequence<JSONValue>) -> JSONValue {
        var isUnknown = false
        for value in values {
            switch value {
            case .bool(true): return .bool(true)
            case .bool(false): continue
            default: isUnknown = true
            }
        }
        return isUnknown ? .null : .bool(false)
    }

    /// Negates a truth value when asked to; anything but a bool is unknown and stays null.
    private static func not(_ value: JSONValue, if isNegated: Bool) -> JSONValue {
        guard case .bool(let truth) = value else { return .null }
        return .bool(truth != isNegated)
    }

    /// `value in items` as `value == item1 or value == item2 ...`: true on a match, null when
    /// there is none but some comparison was unknown, false otherwise.
    private func membership(of candidate: JSONValue, in items: [ExpressionNode]) -> JSONValue {
        Self.any(items.lazy.map { Self.compare(candidate, .equal, value(of: $0)) })
    }
}
