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

    static func decodeObject(_ text: String) throws -> [String: JSONValue] {
        try JSONDecoder().decode([String: JSONValue].self, from: Data(text.utf8))
    }
}
