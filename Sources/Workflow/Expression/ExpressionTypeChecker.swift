/// Finds the type of an expression against a workflow's declared fields, refusing operations
/// that could never make sense, with the column of the part that is wrong.
struct ExpressionTypeChecker {
    /// The workflow's fields by name.
    let fields: [String: FieldType]

    /// The type of the node's value.
    func type(of node: ExpressionNode) throws(ExpressionError) -> ExpressionType {
        switch node.kind {
        case .literal(let literal):
            return Self.type(of: literal)
        case .field(let name):
            return try fieldType(named: name, column: node.column)
        case .negation(let operand):
            return try numberType(of: operand, operation: "-", needs: "a number")
        case .arithmetic(let first, let steps):
            return try arithmeticType(first: first, steps: steps)
        case .comparison(let left, let operation, let right, let operatorColumn):
            try checkComparison(left, operation, right, operatorColumn: operatorColumn)
        case .membership(let value, let items, _):
            try checkMembership(of: value, in: items)
        case .nullTest(let operand, _):
            _ = try type(of: operand)
        case .not(let operand):
            try requireBool(operand, operation: "not", needs: "a bool condition")
        case .logical(let operation, let operands):
            for operand in operands {
                try requireBool(operand, operation: operation.rawValue, needs: "bool conditions")
            }
        }
        return .bool
    }

    private static func type(of literal: ExpressionLiteral) -> ExpressionType {
        switch literal {
        case .null: .null
        case .bool: .bool
        case .integer: .int
        case .decimal: .decimal
        case .string: .string
        }
    }

    private func fieldType(named name: String, column: Int) throws(ExpressionError) -> ExpressionType {
        guard let declared = fields[name] else {
            let suggestion = NameSuggestion.closest(to: name, among: fields.keys).map { "; did you mean '\($0)'?" }
            throw ExpressionError("unknown field '\(name)'\(suggestion ?? "")", column: column)
        }
        return ExpressionType(declared)
    }

    // MARK: Arithmetic

    /// `int` when every operand is an int and nothing divides; `decimal` otherwise.
    private func arithmeticType(
        first: ExpressionNode, steps: [ArithmeticStep]
    ) throws(ExpressionError) -> ExpressionType {
        let firstOperation = steps.first?.operation.rawValue ?? "+"
        var result = try numberType(of: first, operation: firstOperation, needs: "numbers")
        for step in steps {
            let operand = try numberType(of: step.operand, operation: step.operation.rawValue, needs: "numbers")
            let staysInt = step.operation != .divide && result == .int && operand == .int
            result = staysInt ? .int : .decimal
        }
        return result
    }

    private func numberType(
        of node: ExpressionNode, operation: String, needs: String
    ) throws(ExpressionError) -> ExpressionType {
        let found = try type(of: node)
        guard found.isNumber else {
            throw ExpressionError("'\(operation)' needs \(needs)\(Self.mismatch(node, found))", column: node.column)
        }
        return found
    }

    // MARK: Logic

    private func requireBool(
        _ node: ExpressionNode, operation: String, needs: String
    ) throws(ExpressionError) {
        let found = try type(of: node)
        guard found == .bool else {
            throw ExpressionError("'\(operation)' needs \(needs)\(Self.mismatch(node, found))", column: node.column)
        }
    }

    /// How a wrong operand is named after "needs ...": `; 'customer' is string` for a field,
    /// `, got string` for anything else.
    static func mismatch(_ node: ExpressionNode, _ type: ExpressionType) -> String {
        if case .field(let name) = node.kind { return "; '\(name)' is \(type)" }
        return ", got \(type)"
    }
}
