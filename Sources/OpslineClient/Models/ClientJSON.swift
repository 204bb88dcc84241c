/// A JSON value as it travels in Opsline's NDJSON lines.
///
/// Task fields, event data and error details are open-ended objects, so the client keeps them as
/// `ClientJSON` rather than guessing Swift types. Integers stay integers: `5` decodes as
/// ``int(_:)``, `5.5` as ``double(_:)``.
public enum ClientJSON: Sendable, Hashable {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// A number without a fractional part that fits in `Int`.
    case int(Int)
    /// Any other number.
    case double(Double)
    /// A string.
    case string(String)
    /// An array of values.
    case array([ClientJSON])
    /// An object; key order is not kept.
    case object([String: ClientJSON])
}

extension ClientJSON {
    /// The string, when this value is a string.
    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The integer, when this value is an integer.
    public var intValue: Int? {
        if case .int(let value) = self { return value }
        return nil
    }

    /// The members, when this value is an object.
    public var objectValue: [String: ClientJSON]? {
        if case .object(let value) = self { return value }
        return nil
    }

    /// Looks a member up by key, when this value is an object.
    public subscript(key: String) -> ClientJSON? {
        objectValue?[key]
    }
}

extension ClientJSON: Codable {
    /// Decodes any JSON value.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int.self) {
            self = .int(value)
        } else if let value = try? container.decode(Double.self) {
            self = .double(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([ClientJSON].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: ClientJSON].self))
        }
    }

    /// Encodes the value as the JSON it represents.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .int(let value): try container.encode(value)
        case .double(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }
}
