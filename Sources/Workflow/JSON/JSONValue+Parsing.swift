/// A JSON text that could not be parsed: what was wrong and at which byte.
public struct JSONSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What was wrong, e.g. `unterminated string`.
    public let message: String
    /// The 0-based byte offset where the problem was found.
    public let offset: Int

    /// Creates an error.
    /// - Parameters:
    ///   - message: What was wrong.
    ///   - offset: The 0-based byte offset where it was found.
    public init(message: String, offset: Int) {
        self.message = message
        self.offset = offset
    }

    /// The message with its offset, e.g. `unterminated string at byte 12`.
    public var description: String { "\(message) at byte \(offset)" }
}

extension JSONValue {
    /// The deepest nesting of arrays and objects a parsed text may have.
    static let maximumParsingDepth = 512

    /// Parses one JSON text (RFC 8259) from UTF-8 bytes.
    ///
    /// Decodes the same values as the `Decodable` conformance, an order of magnitude faster:
    /// task fields are parsed for every line read and every row loaded. Whole numbers that fit in
    /// 64 bits (including `2.0` and `1e2`) become `.int`, other numbers `.double`. An object that
    /// repeats a key is refused: which value was meant is anyone's guess. Invalid UTF-8, control characters in strings, lone
    /// surrogates, trailing content and nesting deeper than ``maximumParsingDepth`` are errors.
    /// - Parameter bytes: The text, as UTF-8.
    public static func parse<Bytes: Collection<UInt8>>(_ bytes: Bytes) throws(JSONSyntaxError) -> JSONValue {
        let parsed = bytes.withContiguousStorageIfAvailable { buffer -> Result<JSONValue, JSONSyntaxError> in
            var parser = JSONParser(buffer)
            return Result { () throws(JSONSyntaxError) in try parser.parseDocument() }
        }
        if let parsed { return try parsed.get() }
        return try parse(Array(bytes))
    }

    /// Parses one JSON text (RFC 8259).
    /// - Parameter text: The text.
    public static func parse(_ text: String) throws(JSONSyntaxError) -> JSONValue {
        try parse(text.utf8)
    }
}

/// A recursive-descent JSON parser over a contiguous UTF-8 buffer.
private struct JSONParser {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0
    private var depth = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    mutating func parseDocument() throws(JSONSyntaxError) -> JSONValue {
        let value = try parseValue()
        skipWhitespace()
        guard index == bytes.count else { throw error("unexpected content after the JSON value") }
        return value
    }

    private mutating func parseValue() throws(JSONSyntaxError) -> JSONValue {
        skipWhitespace()
        guard index < bytes.count else { throw error("unexpected end of input") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): return try parseLiteral("true", .bool(true))
        case UInt8(ascii: "f"): return try parseLiteral("false", .bool(false))
        case UInt8(ascii: "n"): return try parseLiteral("null", .null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        default: throw error("unexpected character")
        }
    }

    private mutating func parseObject() throws(JSONSyntaxError) -> JSONValue {
        try enterContainer()
        var object: [String: JSONValue] = [:]
        if try consumeClosing(UInt8(ascii: "}")) { return .object(object) }
        repeat {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw error("expected a key string") }
            let keyStart = index
            let key = try parseString()
            guard object[key] == nil else { throw error("duplicate key '\(key)'", at: keyStart) }
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw error("expected ':'") }
            index += 1
            object[key] = try parseValue()
        } while try consumeSeparator(closing: UInt8(ascii: "}"))
        depth -= 1
        return .object(object)
    }

    private mutating func parseArray() throws(JSONSyntaxError) -> JSONValue {
        try enterContainer()
        var array: [JSONValue] = []
        if try consumeClosing(UInt8(ascii: "]")) { return .array(array) }
        repeat {
            array.append(try parseValue())
        } while try consumeSeparator(closing: UInt8(ascii: "]"))
        depth -= 1
        return .array(array)
    }

    private mutating func enterContainer() throws(JSONSyntaxError) {
        depth += 1
        guard depth <= JSONValue.maximumParsingDepth else { throw error("nested too deeply") }
        index += 1
    }

    /// Consumes `closing` if it comes next (an empty container), leaving the container.
    private mutating func consumeClosing(_ closing: UInt8) throws(JSONSyntaxError) -> Bool {
        skipWhitespace()
        guard index < bytes.count, bytes[index] == closing else { return false }
        index += 1
        depth -= 1
        return true
    }

    /// After a member: true on `,` (another follows), false on `closing` (consumed).
    private mutating func consumeSeparator(closing: UInt8) throws(JSONSyntaxError) -> Bool {
        skipWhitespace()
        guard index < bytes.count else { throw error("unexpected end of input") }
        let byte = bytes[index]
        index += 1
        if byte == UInt8(ascii: ",") { return true }
        if byte == closing { return false }
        index -= 1
        throw error("expected ',' or '\(Character(Unicode.Scalar(closing)))'")
    }

    private mutating func parseLiteral(_ word: StaticString, _ value: JSONValue) throws(JSONSyntaxError) -> JSONValue {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count,
            UnsafeBufferPointer(start: word.utf8Start, count: count).elementsEqual(bytes[index..<index + count])
        else { throw error("unexpected character") }
        index += count
        return value
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }

    fileprivate func error(_ message: String, at offset: Int? = nil) -> JSONSyntaxError {
        JSONSyntaxError(message: message, offset: offset ?? index)
    }
}

extension JSONParser {
    /// Parses a string starting at its opening quote; fast when it has no escapes.
    fileprivate mutating func parseString() throws(JSONSyntaxError) -> String {
        let start = index
        index += 1
        var scalars: [UInt8]? = nil
        var runStart = index
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let run = UnsafeBufferPointer(rebasing: bytes[runStart..<index])
                index += 1
                guard var decoded = scalars else { return try validated(run, startingAt: start) }
                decoded.append(contentsOf: run)
                return try decoded.withUnsafeBufferPointer { buffer throws(JSONSyntaxError) in
                    try validated(buffer, startingAt: start)
                }
            }
            if byte < 0x20 { throw error("control character in string") }
            if byte == UInt8(ascii: "\\") {
                scalars = scalars ?? []
                scalars!.append(contentsOf: bytes[runStart..<index])
                try appendEscape(to: &scalars!)
                runStart = index
                continue
            }
            index += 1
        }
        throw error("unterminated string", at: start)
    }

    private func validated(_ utf8: UnsafeBufferPointer<UInt8>, startingAt start: Int) throws(JSONSyntaxError) -> String
    {
        guard let string = String(validating: utf8, as: UTF8.self) else {
            throw error("invalid UTF-8 in string", at: start)
        }
        return string
    }

    /// Decodes the escape at `index` (a backslash) and appends its UTF-8.
    private mutating func appendEscape(to output: inout [UInt8]) throws(JSONSyntaxError) {
        guard index + 1 < bytes.count else { throw error("unterminated string") }
        let escaped = bytes[index + 1]
        index += 2
        switch escaped {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): output.append(escaped)
        case UInt8(ascii: "b"): output.append(0x08)
        case UInt8(ascii: "f"): output.append(0x0C)
        case UInt8(ascii: "n"): output.append(0x0A)
        case UInt8(ascii: "r"): output.append(0x0D)
        case UInt8(ascii: "t"): output.append(0x09)
        case UInt8(ascii: "u"): output.append(contentsOf: String(Character(try parseUnicodeEscape())).utf8)
        default: throw error("invalid escape", at: index - 2)
        }
    }

    /// Reads the hex digits after `\u`, and a second `\uXXXX` when the first is a high surrogate.
    private mutating func parseUnicodeEscape() throws(JSONSyntaxError) -> Unicode.Scalar {
        let escapeStart = index - 2
        let first = try hexQuad()
        if let scalar = Unicode.Scalar(first) { return scalar }
        // A surrogate: only a high one followed by an escaped low one makes a character.
        guard (0xD800...0xDBFF).contains(first), index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"),
            bytes[index + 1] == UInt8(ascii: "u")
        else { throw error("lone surrogate in \\u escape", at: escapeStart) }
        index += 2
        let second = try hexQuad()
        guard (0xDC00...0xDFFF).contains(second),
            let scalar = Unicode.Scalar(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00))
        else { throw error("lone surrogate in \\u escape", at: escapeStart) }
        return scalar
    }

    private mutating func hexQuad() throws(JSONSyntaxError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw error("unterminated \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw error("invalid \\u escape")
            }
            value = value << 4 | UInt32(digit)
            index += 1
        }
        return value
    }
}

extension JSONParser {
    /// Parses a number per the JSON grammar; see ``JSONValue/parse(_:)-(Bytes)`` for int vs double.
    fileprivate mutating func parseNumber() throws(JSONSyntaxError) -> JSONValue {
        let start = index
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < bytes.count, isDigit(bytes[index]) else { throw error("invalid number", at: start) }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
            if index < bytes.count, isDigit(bytes[index]) { throw error("leading zero in number", at: start) }
        } else {
            skipDigits()
        }
        var isWhole = true
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            isWhole = false
            index += 1
            try requireDigit(start)
            skipDigits()
        }
        if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
            isWhole = false
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                index += 1
            }
            try requireDigit(start)
            skipDigits()
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        if isWhole, let integer = Int64(text) { return .int(integer) }
        guard let double = Double(text), double.isFinite else { throw error("number out of range", at: start) }
        if double.rounded() == double, double >= -0x1p63, double < 0x1p63 { return .int(Int64(double)) }
        return .double(double)
    }

    private func requireDigit(_ start: Int) throws(JSONSyntaxError) {
        guard index < bytes.count, isDigit(bytes[index]) else { throw error("invalid number", at: start) }
    }

    private mutating func skipDigits() {
        while index < bytes.count, isDigit(bytes[index]) { index += 1 }
    }

    private func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
}
