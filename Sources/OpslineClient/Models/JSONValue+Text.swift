import Foundation
import Workflow

extension JSONValue {
    /// Parses one JSON text, including a bare scalar such as `5`, `true` or `"x"`.
    ///
    /// - Parameter text: The JSON text; surrounding whitespace is allowed.
    /// - Returns: The value, or `nil` when `text` is not valid JSON.
    public init?(parsing text: String) {
        guard let value = try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)) else {
            return nil
        }
        self = value
    }

    /// The value as one line of JSON: no whitespace, object keys sorted, slashes and non-ASCII
    /// characters left as they are. Non-finite numbers, which JSON cannot hold, become `null`.
    public var compactText: String {
        var output = ""
        write(to: &output, indent: nil)
        return output
    }

    /// The value as indented JSON for people: two spaces per level, object keys sorted.
    public var prettyText: String {
        var output = ""
        write(to: &output, indent: "")
        return output
    }

    private func write(to output: inout String, indent: String?) {
        switch self {
        case .null: output += "null"
        case .bool(let value): output += value ? "true" : "false"
        case .int(let value): output += String(value)
        case .double(let value): output += value.isFinite ? String(value) : "null"
        case .string(let value): Self.writeString(value, to: &output)
        case .array(let values): Self.writeArray(values, to: &output, indent: indent)
        case .object(let members): Self.writeObject(members, to: &output, indent: indent)
        }
    }

    private static func writeArray(_ values: [JSONValue], to output: inout String, indent: String?) {
        guard !values.isEmpty else {
            output += "[]"
            return
        }
        let inner = indent.map { $0 + "  " }
        output += "["
        for (index, value) in values.enumerated() {
            if index > 0 { output += "," }
            if let inner { output += "\n" + inner }
            value.write(to: &output, indent: inner)
        }
        if let indent { output += "\n" + indent }
        output += "]"
    }

    private static func writeObject(
        _ members: [String: JSONValue], to output: inout String, indent: String?
    ) {
        guard !members.isEmpty else {
            output += "{}"
            return
        }
        let inner = indent.map { $0 + "  " }
        output += "{"
        for (index, key) in members.keys.sorted().enumerated() {
            if index > 0 { output += "," }
            if let inner { output += "\n" + inner }
            writeString(key, to: &output)
            output += inner == nil ? ":" : ": "
            members[key, default: .null].write(to: &output, indent: inner)
        }
        if let indent { output += "\n" + indent }
        output += "}"
    }

    private static func writeString(_ string: String, to output: inout String) {
        output += "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "\u{08}": output += "\\b"
            case "\u{0C}": output += "\\f"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: output.unicodeScalars.append(scalar)
            }
        }
        output += "\""
    }
}
