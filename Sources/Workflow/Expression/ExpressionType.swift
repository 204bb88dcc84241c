/// The type of an expression's value, found by ``Expression/typeCheck(fields:)``.
///
/// `string`, `text` and `user` fields all read as ``string``; `enum` fields keep their values so
/// that comparisons can catch a value that is not one of them.
public indirect enum ExpressionType: Sendable, Hashable {
    /// A whole number.
    case int
    /// A number that may have a fractional part.
    case decimal
    /// A string (from a `string`, `text` or `user` field, or a string literal).
    case string
    /// `true` or `false`; the type a guard must have.
    case bool
    /// A `YYYY-MM-DD` date from a `date` field.
    case date
    /// Only ever null: the type of the literal `null`.
    case null
    /// One of the values of an `enum` field.
    case enumeration([String])
    /// A list field's value.
    case list(ExpressionType)

    /// The type a field of the given type reads as.
    /// - Parameter fieldType: The field's declared type.
    public init(_ fieldType: FieldType) {
        switch fieldType {
        case .string, .text, .user, .attachment: self = .string
        case .int: self = .int
        case .decimal: self = .decimal
        case .bool: self = .bool
        case .date: self = .date
        case .enumeration(let values): self = .enumeration(values)
        case .list(let items): self = .list(ExpressionType(items))
        }
    }

    /// Whether the type is `int` or `decimal`.
    var isNumber: Bool {
        self == .int || self == .decimal
    }

    /// Whether values of the type are strings that equality can compare with each other.
    var isText: Bool {
        switch self {
        case .string, .enumeration: true
        default: false
        }
    }
}

extension ExpressionType: CustomStringConvertible {
    /// The type as it reads in an error message, e.g. `int`, `enum [p1, p2, p3]`, `list of string`.
    public var description: String {
        switch self {
        case .int: "int"
        case .decimal: "decimal"
        case .string: "string"
        case .bool: "bool"
        case .date: "date"
        case .null: "null"
        case .enumeration(let values): "enum [\(values.joined(separator: ", "))]"
        case .list(let items): "list of \(items)"
        }
    }
}
