import Crypto
import Foundation
import NIOCore
import NIOFoundationCompat
import OpslineStore
import Workflow

/// A request line's shape: a `Decodable` object with a closed set of keys.
protocol RequestLineBody: Decodable, Sendable {
    /// Every key the line may carry; anything else is refused, so typos do not pass silently.
    static var keys: Set<String> { get }
}

extension RequestLine {
    /// The line as a JSON object, or a 400 `bad_line` naming the line.
    func object() throws -> [String: JSONValue] {
        let value: JSONValue
        do {
            value = try JSONValue.parse(bytes.readableBytesView)
        } catch {
            throw APIError.badLine(number, "not valid JSON: \(error)")
        }
        guard case .object(let object) = value else { throw APIError.badLine(number, "expected a JSON object") }
        return object
    }

    /// A digest of the line's bytes, so an idempotency key reused for another request is caught.
    var digest: String {
        SHA256.hash(data: bytes.readableBytesView).hexString
    }

    /// Decodes the line, or throws a 400 `bad_line` that names the line number and the field.
    /// - Parameter extraKeys: keys allowed besides `Body.keys` (handled by the caller).
    func decode<Body: RequestLineBody>(_ type: Body.Type, extraKeys: Set<String> = []) throws -> Body {
        let object = try object()
        if let unknown = object.keys.sorted().first(where: { !Body.keys.contains($0) && !extraKeys.contains($0) }) {
            throw APIError.badLine(number, "unknown field '\(unknown)'").with(field: unknown)
        }
        do {
            return try JSONDecoder().decode(Body.self, from: Data(buffer: bytes))
        } catch let error as DecodingError {
            let (field, problem) = Self.describe(error)
            throw APIError.badLine(number, "field '\(field)' \(problem)").with(field: field)
        }
    }

    private static func describe(_ error: DecodingError) -> (field: String, problem: String) {
        func path(_ codingPath: [any CodingKey], _ last: (any CodingKey)? = nil) -> String {
            (codingPath + (last.map { [$0] } ?? [])).map { $0.intValue.map(String.init) ?? $0.stringValue }
                .joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, let context): return (path(context.codingPath, key), "is required")
        case .valueNotFound(_, let context): return (path(context.codingPath), "must not be null")
        case .typeMismatch(let type, let context): return (path(context.codingPath), "must be \(typeName(type))")
        case .dataCorrupted(let context): return (path(context.codingPath), "is malformed")
        @unknown default: return ("?", "is invalid")
        }
    }

    private static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Int.Type, is Int64.Type: return "an integer"
        case is Bool.Type: return "true or false"
        default: return type == [String: JSONValue].self ? "an object" : "a \(type)"
        }
    }
}

extension APIError {
    /// The same error with the offending field named in the details.
    func with(field: String) -> APIError {
        var copy = self
        copy.details["field"] = .string(field)
        return copy
    }
}
