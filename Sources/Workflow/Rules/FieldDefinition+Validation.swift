extension FieldDefinition {
    /// Checks a non-null value against the field's type and limits.
    /// - Parameter value: The value to check.
    /// - Returns: The value in its normal form, or the problem.
    func check(_ value: JSONValue) -> Result<JSONValue, FieldTypeMismatch> {
        type.check(value).flatMap { normalised in
            guard let number = normalised.number else { return .success(normalised) }
            if let min, number < min {
                return .failure("must be >= \(Self.format(min))")
            }
            if let max, number > max {
                return .failure("must be <= \(Self.format(max))")
            }
            return .success(normalised)
        }
    }

    /// Prints a limit the way it was most likely written: `5`, not `5.0`.
    static func format(_ number: Double) -> String {
        if number.rounded() == number, let whole = Int64(exactly: number) {
            return String(whole)
        }
        return String(number)
    }
}

extension JSONValue {
    /// The value as a number, when it is one.
    fileprivate var number: Double? {
        switch self {
        case .int(let value): Double(value)
        case .double(let value): value
        default: nil
        }
    }
}
