import Foundation
import Logging

/// One log entry rendered as a single line (ending in a newline): characters that would break
/// the line (a multi-line message, a value with a line feed) are escaped.
struct LogLine {
    var timestamp: Date
    var level: Logger.Level
    var label: String
    var message: String
    var metadata: Logger.Metadata
    var source: String

    /// The metadata key Hummingbird keeps a request's id under; written as `request_id`.
    static let hummingbirdRequestID = "hb.request.id"
    /// Fields of every JSON line; a metadata key of the same name is written `meta.KEY`.
    static let fixedFields: Set<String> = ["timestamp", "level", "label", "message", "source"]

    /// The line in `format`.
    func rendered(_ format: LogFormat) -> String {
        switch format {
        case .json: json()
        case .text: text()
        }
    }

    /// The metadata under the names it is written with, sorted by name.
    private var fields: [(key: String, value: Logger.Metadata.Value)] {
        metadata.map { key, value in
            var name = key == Self.hummingbirdRequestID ? "request_id" : key
            if Self.fixedFields.contains(name) { name = "meta." + name }
            return (key: name, value: value)
        }.sorted { $0.key < $1.key }
    }

    /// `{"timestamp":"…","level":"info","label":"…","message":"…",FIELDS…,"source":"…"}`.
    func json() -> String {
        var line = "{\"timestamp\":\"" + RFC3339Milliseconds.string(timestamp) + "\",\"level\":\"" + level.rawValue
        line += "\",\"label\":"
        JSONText.appendString(label, to: &line)
        line += ",\"message\":"
        JSONText.appendString(message, to: &line)
        for (key, value) in fields {
            line += ","
            JSONText.appendString(key, to: &line)
            line += ":"
            JSONText.appendValue(value, to: &line)
        }
        line += ",\"source\":"
        JSONText.appendString(source, to: &line)
        return line + "}\n"
    }

    /// `TIMESTAMP LEVEL LABEL: MESSAGE key=value …`; a value holding a space, a quote or an
    /// equals sign is quoted, and control characters are escaped as in JSON.
    func text() -> String {
        var line = RFC3339Milliseconds.string(timestamp) + " " + level.rawValue + " " + Self.escaped(label) + ": "
        line += Self.escaped(message)
        for (key, value) in fields {
            line += " " + Self.escaped(key) + "=" + Self.textValue(value)
        }
        return line + "\n"
    }

    private static func textValue(_ value: Logger.Metadata.Value) -> String {
        let text: String
        switch value {
        case .string(let string): text = string
        case .stringConvertible(let convertible): text = convertible.description
        case .array, .dictionary:
            var json = ""
            JSONText.appendValue(value, to: &json)
            return json
        }
        guard text.isEmpty || text.contains(where: { $0 == " " || $0 == "\"" || $0 == "=" }) else {
            return escaped(text)
        }
        var quoted = ""
        JSONText.appendString(text, to: &quoted)
        return quoted
    }

    /// `text` with backslashes and control characters escaped (`\n`, `\u001b`, …).
    static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0.value < 0x20 || $0 == "\\" || $0.value == 0x7f }) else {
            return text
        }
        var line = ""
        JSONText.appendEscaped(text, to: &line, escapingQuotes: false)
        return line
    }
}

/// JSON string and metadata writing for log lines, without a JSON encoder per entry.
enum JSONText {
    /// Appends `text` as a JSON string literal: quotes, backslashes and every control character
    /// escaped, so that the result never spans lines.
    static func appendString(_ text: String, to line: inout String) {
        line.unicodeScalars.append("\"")
        appendEscaped(text, to: &line, escapingQuotes: true)
        line.unicodeScalars.append("\"")
    }

    /// Appends `text` with backslashes, control characters and (when `escapingQuotes`) double
    /// quotes escaped as JSON escapes them.
    static func appendEscaped(_ text: String, to line: inout String, escapingQuotes: Bool) {
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"" where escapingQuotes: line += "\\\""
            case "\\": line += "\\\\"
            case "\n": line += "\\n"
            case "\r": line += "\\r"
            case "\t": line += "\\t"
            case _
            where scalar.value < 0x20 || scalar.value == 0x7f || scalar.value == 0x2028 || scalar.value == 0x2029:
                let hex = String(scalar.value, radix: 16)
                line += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: line.unicodeScalars.append(scalar)
            }
        }
    }

    /// Appends a metadata value: a string, an array, or an object.
    static func appendValue(_ value: Logger.Metadata.Value, to line: inout String) {
        switch value {
        case .string(let string): appendString(string, to: &line)
        case .stringConvertible(let number as any BinaryInteger): line += "\(number)"
        case .stringConvertible(let number as Double) where number.isFinite: line += "\(number)"
        case .stringConvertible(let flag as Bool): line += flag ? "true" : "false"
        case .stringConvertible(let convertible): appendString(convertible.description, to: &line)
        case .array(let values):
            line += "["
            for (index, element) in values.enumerated() {
                if index > 0 { line += "," }
                appendValue(element, to: &line)
            }
            line += "]"
        case .dictionary(let dictionary):
            line += "{"
            for (index, (key, element)) in dictionary.sorted(by: { $0.key < $1.key }).enumerated() {
                if index > 0 { line += "," }
                appendString(key, to: &line)
                line += ":"
                appendValue(element, to: &line)
            }
            line += "}"
        }
    }
}

/// `2026-12-03T17:01:08.123Z`: RFC 3339 in UTC with milliseconds, without a formatter per entry.
enum RFC3339Milliseconds {
    static func string(_ date: Date) -> String {
        let interval = date.timeIntervalSince1970
        var seconds = time_t(interval.rounded(.down))
        let milliseconds = min(999, Int((interval - Double(seconds)) * 1000))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func padded(_ value: Int32, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return padded(parts.tm_year + 1900, 4) + "-" + padded(parts.tm_mon + 1, 2) + "-" + padded(parts.tm_mday, 2)
            + "T" + padded(parts.tm_hour, 2) + ":" + padded(parts.tm_min, 2) + ":" + padded(parts.tm_sec, 2) + "."
            + padded(Int32(milliseconds), 3) + "Z"
    }
}
