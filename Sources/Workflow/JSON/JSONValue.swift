/// A JSON value as stored in task fields.
///
/// `JSONValue` encodes and decodes as a plain JSON value (not as a tagged enum), so a task's
/// fields travel through HTTP bodies and `jsonb` columns unchanged. When decoding, the first
/// matching interpretation wins, in this order: null, bool, int64, double, string, array, object.
/// A whole-number double such as `2.0` therefore comes back as `.int(2)`.
public enum JSONValue: Sendable, Hashable {
    /// JSON `null`; in task fields it means "absent".
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// A whole number.
    case int(Int64)
    /// A number with a fractional part.
    case double(Double)
    /// A string.
    case string(String)
    /// An ordered list of values.
    case array([JSONValue])
    /// A string-keyed object.
    case object([String: JSONValue])
}

extension JSONValue: Codable {
    /// Decodes a plain JSON value.
    /// - Parameter decoder: The decoder to read from.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int64.self) {
            self = .int(value)
        } else if let value = try? container.decode(Double.self) {
            self = .double(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else if let value = try? container.decode([String: JSONValue].self) {
            self = .object(value)
        } else {
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription: "Expected a JSON value"
            )
        }
    }

    /// Encodes the value as plain JSON.
    /// - Parameter encoder: The encoder to write to.
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
