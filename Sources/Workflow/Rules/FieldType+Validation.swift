extension FieldType {
    /// Checks a non-null value against the type.
    /// - Parameter value: The value to check.
    /// - Returns: The value in its normal form (an integral `.double` for an `int` field becomes
    ///   `.int`), or the problem as a phrase such as "expected int".
    func check(_ value: JSONValue) -> Result<JSONValue, FieldTypeMismatch> {
        switch self {
        case .string, .text, .user, .attachment:
            guard case .string = value else { return .failure("expected string") }
            return .success(value)
        case .int:
            return Self.checkInt(value)
        case .decimal:
            switch value {
            case .int, .double: return .success(value)
            default: return .failure("expected number")
            }
        case .bool:
            guard case .bool = value else { return .failure("expected bool") }
            return .success(value)
        case .date:
            guard case .string(let text) = value, CalendarDate.isValid(text) else {
                return .failure("expected a date YYYY-MM-DD")
            }
            return .success(value)
        case .enumeration(let values):
            guard case .string(let text) = value, values.contains(text) else {
                return .failure(FieldTypeMismatch("must be one of \(values.joined(separator: ", "))"))
            }
            return .success(value)
        case .list(let itemType):
            return itemType.checkList(value)
        }
    }

    private static func checkInt(_ value: JSONValue) -> Result<JSONValue, FieldTypeMismatch> {
        switch value {
        case .int:
            return .success(value)
        case .double(let number):
            guard number.rounded() == number, let whole = Int64(exactly: number) else {
                return .failure("expected int")
            }
            return .success(.int(whole))
        default:
            return .failure("expected int")
        }
    }

    private func checkList(_ value: JSONValue) -> Result<JSONValue, FieldTypeMismatch> {
        guard case .array(let items) = value else { return .failure("expected a list of \(self)") }
        var normalised: [JSONValue] = []
        for (index, item) in items.enumerated() {
            let checked = item == .null ? .failure("expected \(self), not null") : check(item)
            switch checked {
            case .success(let value): normalised.append(value)
            case .failure(let mismatch): return .failure("item \(index + 1): \(mismatch.problem)")
            }
        }
        return .success(.array(normalised))
    }
}
