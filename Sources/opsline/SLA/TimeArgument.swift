import ArgumentParser
import Foundation
import Workflow

/// Times given on the command line: RFC 3339 (`2026-11-20T17:00:00+08:00`, fractions allowed),
/// or a date (`2026-11-20`), meaning its midnight UTC, as the server reads them.
enum TimeArgument {
    /// Parses `text`, or throws a usage error naming `option`.
    static func parse(_ text: String, option: String) throws -> Date {
        if let date = RFC3339.parseTimeOrDate(text) { return date }
        throw ValidationError("\(option) must be an RFC 3339 time such as 2026-11-20T17:00:00+08:00, not '\(text)'")
    }
}
