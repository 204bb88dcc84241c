import ArgumentParser
import Foundation

/// Times given on the command line: RFC 3339 (`2026-11-20T17:00:00+08:00`, fractions allowed),
/// or a date (`2026-11-20`), meaning its midnight UTC, as the server reads them.
enum TimeArgument {
    /// Parses `text`, or throws a usage error naming `option`.
    static func parse(_ text: String, option: String) throws -> Date {
        let fractional = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
        for candidate in [text, text + "T00:00:00Z"] {
            if let date = try? Date(candidate, strategy: .iso8601) { return date }
            if let date = try? Date(candidate, strategy: fractional) { return date }
        }
        throw ValidationError("\(option) must be an RFC 3339 time such as 2026-11-20T17:00:00+08:00, not '\(text)'")
    }
}
