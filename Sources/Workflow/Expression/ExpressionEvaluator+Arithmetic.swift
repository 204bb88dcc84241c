extension ExpressionEvaluator {
    /// `left op right` on numbers. Anything else, division by zero, an int result that overflows
    /// 64 bits and a decimal result that is not finite all give null: the value is unknown rather
    /// than wrong, and a guard reading it does not pass.
    static func apply(_ operation: ArithmeticOperator, _ left: JSONValue, _ right: JSONValue) -> JSONValue {
        switch (left, right) {
        case (.int(let left), .int(let right)):
            return operation == .divide
                ? divide(Double(left), Double(right)) : integerArithmetic(operation, left, right)
        default:
            guard let left = decimal(left), let right = decimal(right) else { return .null }
            return operation == .divide ? divide(left, right) : decimalArithmetic(operation, left, right)
        }
    }

    /// Unary minus; `-(-9223372036854775808)` overflows and gives null.
    static func negate(_ value: JSONValue) -> JSONValue {
        switch value {
        case .int(let number):
            let (result, overflow) = Int64(0).subtractingReportingOverflow(number)
            return overflow ? .null : .int(result)
        case .double(let number):
            return .double(-number)
        default:
            return .null
        }
    }

    /// The number as a `Double`, when the value is a number.
    static func decimal(_ value: JSONValue) -> Double? {
        switch value {
        case .int(let number): Double(number)
        case .double(let number): number
        default: nil
        }
    }

    private static func integerArithmetic(_ operation: ArithmeticOperator, _ left: Int64, _ right: Int64) -> JSONValue {
        let (result, overflow) =
            switch operation {
            case .add: left.addingReportingOverflow(right)
            case .subtract: left.subtractingReportingOverflow(right)
            case .multiply: left.multipliedReportingOverflow(by: right)
            case .divide: (0, true)  // handled as a decimal division by the caller
            }
        return overflow ? .null : .int(result)
    }

    private static func decimalArithmetic(_ operation: ArithmeticOperator, _ left: Double, _ right: Double) -> JSONValue
    {
        let result =
            switch operation {
            case .add: left + right
            case .subtract: left - right
            case .multiply: left * right
            case .divide: left / right
            }
        return finite(result)
    }

    private static func divide(_ left: Double, _ right: Double) -> JSONValue {
        right == 0 ? .null : finite(left / right)
    }

    /// JSON has no infinity or NaN, so such a result is unknown.
    private static func finite(_ number: Double) -> JSONValue {
        number.isFinite ? .double(number) : .null
    }
}
