import Foundation
import Workflow

/// The line the server writes for any failure: `{"error":{"code":…,"message":…, …details}}`.
public struct ErrorLine: Codable, Sendable, Hashable {
    /// A stable, machine-readable code such as `not_found` or `version_conflict`.
    public var code: String
    /// What went wrong, for people.
    public var message: String
    /// Every other member of the error object, such as `current_version`.
    public var details: [String: JSONValue]

    /// Creates an error line.
    public init(code: String, message: String, details: [String: JSONValue] = [:]) {
        self.code = code
        self.message = message
        self.details = details
    }

    private enum OuterKeys: String, CodingKey {
        case error
    }

    /// Decodes `{"error":{…}}`; every member besides `code` and `message` becomes a detail.
    public init(from decoder: any Decoder) throws {
        let outer = try decoder.container(keyedBy: OuterKeys.self)
        var members = try outer.decode([String: JSONValue].self, forKey: .error)
        guard case .string(let code)? = members.removeValue(forKey: "code") else {
            throw DecodingError.dataCorruptedError(
                forKey: .error, in: outer, debugDescription: "the error has no string 'code'")
        }
        guard case .string(let message)? = members.removeValue(forKey: "message") else {
            throw DecodingError.dataCorruptedError(
                forKey: .error, in: outer, debugDescription: "the error has no string 'message'")
        }
        self.init(code: code, message: message, details: members)
    }

    /// Encodes the line as the server writes it.
    public func encode(to encoder: any Encoder) throws {
        var outer = encoder.container(keyedBy: OuterKeys.self)
        var members = details
        members["code"] = .string(code)
        members["message"] = .string(message)
        try outer.encode(members, forKey: .error)
    }
}

extension ErrorLine {
    /// Parses an error line; `nil` when `text` is not one.
    ///
    /// - Parameter text: One NDJSON line.
    public init?(parsing text: String) {
        guard Self.mayBeErrorLine(text.utf8) else { return nil }
        guard let line = try? JSONDecoder().decode(ErrorLine.self, from: Data(text.utf8)) else {
            return nil
        }
        self = line
    }

    /// Whether the bytes start like an error line (`{"error"`, whitespace allowed): a cheap test
    /// that spares decoding every line of a list twice.
    static func mayBeErrorLine(_ bytes: some Sequence<UInt8>) -> Bool {
        let expected = Array(#"{"error""#.utf8)
        var matched = 0
        for byte in bytes {
            if matched == expected.count { return true }
            if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") { continue }
            guard byte == expected[matched] else { return false }
            matched += 1
        }
        return matched == expected.count
    }
}
