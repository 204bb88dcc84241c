import Foundation
import Hummingbird
import Workflow

/// A request's query parameters, read with their types: a bad value is a `400 bad_request` whose
/// message and `parameter` detail name the parameter. An empty value (`team=`) counts as absent.
struct QueryValues {
    private let query: Parameters

    /// The query of `request`.
    init(_ request: Request) {
        self.init(query: request.uri.queryParameters)
    }

    /// These query parameters (a dashboard page's query, read as the API reads its own).
    init(query: Parameters) {
        self.query = query
    }

    /// The parameter's text, if given and not empty.
    func string(_ name: String) -> String? {
        guard let value = query[Substring(name)], !value.isEmpty else { return nil }
        return String(value)
    }

    /// A required parameter's text.
    func required(_ name: String, _ what: String) throws -> String {
        guard let value = string(name) else { throw Self.bad(name, "\(name) is required: \(what)") }
        return value
    }

    /// `true` or `false`.
    func bool(_ name: String) throws -> Bool? {
        switch string(name) {
        case nil: return nil
        case "true": return true
        case "false": return false
        case let value?: throw Self.bad(name, "\(name) must be true or false, not '\(value)'")
        }
    }

    /// An RFC 3339 time (`2026-11-20T17:00:00+08:00`), or a date (`2026-11-20`), meaning its
    /// midnight UTC. A `+` decoded as a space (form encoding) is read back as `+`.
    func time(_ name: String) throws -> Date? {
        guard let value = string(name) else { return nil }
        let text = value.replacingOccurrences(of: " ", with: "+")
        if let date = RFC3339.parseTimeOrDate(text) { return date }
        throw Self.bad(
            name, "\(name) must be an RFC 3339 time such as 2026-11-20T17:00:00+08:00 (or a date), not '\(value)'")
    }

    /// A duration in the workflow files' form: `45s`, `30m`, `2h`, `1d4h`.
    func duration(_ name: String) throws -> WorkDuration? {
        guard let value = string(name) else { return nil }
        switch WorkDuration.checked(value) {
        case .success(let duration): return duration
        case .failure(.malformed):
            throw Self.bad(name, "\(name) must be a duration such as 45s, 30m, 2h or 1d4h, not '\(value)'")
        case .failure(.tooLong):
            throw Self.bad(name, "\(name) must be at most \(WorkDuration.longest) (ten years), not '\(value)'")
        }
    }

    /// `limit`: a positive integer.
    func limit() throws -> Int? {
        guard let value = string("limit") else { return nil }
        guard let limit = Int(value), limit > 0 else {
            throw Self.bad("limit", "limit must be a positive integer, not '\(value)'")
        }
        return limit
    }

    /// 400 `bad_request` naming `parameter`.
    static func bad(_ parameter: String, _ message: String) -> APIError {
        var error = APIError.badRequest(message)
        error.details["parameter"] = .string(parameter)
        return error
    }
}
