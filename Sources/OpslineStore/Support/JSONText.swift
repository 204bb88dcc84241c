import Foundation
import Workflow

/// Moves `JSONValue` objects in and out of `jsonb` columns as JSON text.
enum JSONText {
    static func encode(_ object: [String: JSONValue]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding a [String: JSONValue] cannot fail: every case maps to a JSON value.
        return (try? String(decoding: encoder.encode(object), as: UTF8.self)) ?? "{}"
    }

    static func encodeValue(_ value: JSONValue) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? String(decoding: encoder.encode(value), as: UTF8.self)) ?? "null"
    }

    static func decodeValue(_ text: String) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    }

    static func decodeObject(_ text: String) throws -> [String: JSONValue] {
        try JSONDecoder().decode([String: JSONValue].self, from: Data(text.utf8))
    }
}
