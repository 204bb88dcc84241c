import Workflow

/// Moves `JSONValue` objects in and out of `jsonb` columns as JSON text.
enum JSONText {
    static func encode(_ object: [String: JSONValue]) -> String {
        JSONValue.object(object).jsonText
    }

    static func encodeValue(_ value: JSONValue) -> String {
        value.jsonText
    }

    static func decodeValue(_ text: String) throws -> JSONValue {
        try JSONValue.parse(text)
    }

    static func decodeObject(_ text: String) throws -> [String: JSONValue] {
        guard case .object(let object) = try JSONValue.parse(text) else {
            throw JSONSyntaxError(message: "expected a JSON object", offset: 0)
        }
        return object
    }
}
