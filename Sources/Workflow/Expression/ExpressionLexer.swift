/// Splits expression text into tokens, reporting the exact column of anything it cannot read.
///
/// Columns count Unicode scalars from 1, which is how YAML marks count them, so the workflow
/// loader can add an expression column to the column where the expression starts in its file.
struct ExpressionLexer {
    private let scalars: [Unicode.Scalar]
    private var position = 0

    private init(_ text: String) {
        scalars = Array(text.unicodeScalars)
    }

    /// All tokens of the text, ending with an `.end` token.
    static func tokens(of text: String) throws(ExpressionError) -> [ExpressionToken] {
        var lexer = ExpressionLexer(text)
        var tokens: [ExpressionToken] = []
        while true {
            let token = try lexer.nextToken()
            tokens.append(token)
            if token.kind == .end { return tokens }
        }
    }

    private mutating func nextToken() throws(ExpressionError) -> ExpressionToken {
        skipWhitespace()
        guard let scalar = peek() else { return ExpressionToken(kind: .end, column: position + 1, spelling: "") }
        switch scalar {
        case "0"..."9": return try number()
        case "'", "\"": return try string()
        case "a"..."z", "A"..."Z", "_": return try word()
        default: return try symbol()
        }
    }

    // MARK: Numbers

    private mutating func number() throws(ExpressionError) -> ExpressionToken {
        let start = position
        skipDigits()
        var isDecimal = false
        if peek() == "." {
            guard let next = peek(offset: 1), next.isDigit else {
                throw ExpressionError("a decimal needs digits after '.', e.g. 1.5", column: position + 1)
            }
            isDecimal = true
            position += 1
            skipDigits()
        }
        if let next = peek(), next.isWordCharacter || next == "." {
            while let scalar = peek(), scalar.isWordCharacter || scalar == "." { position += 1 }
            throw ExpressionError("invalid number '\(text(from: start))'", column: start + 1)
        }
        let spelling = text(from: start)
        return ExpressionToken(
            kind: try numberKind(spelling, isDecimal: isDecimal, column: start + 1),
            column: start + 1,
            spelling: spelling
        )
    }

    private func numberKind(
        _ spelling: String, isDecimal: Bool, column: Int
    ) throws(ExpressionError) -> ExpressionToken.Kind {
        if isDecimal {
            guard let value = Double(spelling), value.isFinite else {
                throw ExpressionError("number \(spelling) is too large", column: column)
            }
            return .decimal(value)
        }
        guard let value = Int64(spelling) else {
            throw ExpressionError("number \(spelling) is too large; the largest int is \(Int64.max)", column: column)
        }
        return .integer(value)
    }

    // MARK: Strings

    private mutating func string() throws(ExpressionError) -> ExpressionToken {
        let start = position
        let quote = scalars[position]
        position += 1
        var value = String.UnicodeScalarView()
        while let scalar = peek() {
            position += 1
            if scalar == quote {
                return ExpressionToken(kind: .string(String(value)), column: start + 1, spelling: text(from: start))
            }
            if scalar == "\\" {
                value.append(try escapedScalar(stringStart: start, quote: quote))
            } else {
                value.append(scalar)
            }
        }
        throw ExpressionError("unterminated string: add the closing \(quote)", column: start + 1)
    }

    /// Reads the character after a backslash; only `\\`, `\'` and `\"` exist.
    private mutating func escapedScalar(
        stringStart: Int, quote: Unicode.Scalar
    ) throws(ExpressionError) -> Unicode.Scalar {
        guard let escaped = peek() else {
            throw ExpressionError("unterminated string: add the closing \(quote)", column: stringStart + 1)
        }
        guard escaped == "\\" || escaped == "'" || escaped == "\"" else {
            throw ExpressionError(
                "unknown escape '\\\(Self.printable(escaped))' in a string; only \\\\, \\' and \\\" are allowed",
                column: position
            )
        }
        position += 1
        return escaped
    }

    // MARK: Words

    private mutating func word() throws(ExpressionError) -> ExpressionToken {
        let start = position
        skipWordCharacters()
        let spelling = text(from: start)
        if let keyword = ExpressionKeyword(rawValue: spelling) {
            return ExpressionToken(kind: .keyword(keyword), column: start + 1, spelling: spelling)
        }
        if let keyword = ExpressionKeyword(rawValue: spelling.lowercased()) {
            throw ExpressionError(
                "write the keyword '\(spelling)' in lower case: '\(keyword.rawValue)'", column: start + 1)
        }
        guard spelling.unicodeScalars.first.map({ ("a"..."z").contains($0) }) == true,
            spelling.unicodeScalars.allSatisfy({ !("A"..."Z").contains($0) })
        else {
            throw ExpressionError(
                "'\(spelling)' is not a field name; field names start with a-z and use only a-z, 0-9 and '_'",
                column: start + 1
            )
        }
        return ExpressionToken(kind: .identifier(spelling), column: start + 1, spelling: spelling)
    }

    // MARK: Symbols

    private mutating func symbol() throws(ExpressionError) -> ExpressionToken {
        let start = position
        let pair = String(String.UnicodeScalarView(scalars[position..<min(position + 2, scalars.count)]))
        if pair.unicodeScalars.count == 2, let symbol = ExpressionSymbol(rawValue: pair) {
            position += 2
            return ExpressionToken(kind: .symbol(symbol), column: start + 1, spelling: pair)
        }
        let single = String(scalars[position])
        if let symbol = ExpressionSymbol(rawValue: single) {
            position += 1
            return ExpressionToken(kind: .symbol(symbol), column: start + 1, spelling: single)
        }
        throw ExpressionError(Self.unexpectedCharacterMessage(scalars[position]), column: start + 1)
    }

    private static func unexpectedCharacterMessage(_ scalar: Unicode.Scalar) -> String {
        switch scalar {
        case "=": "unexpected '='; compare with '=='"
        case "!": "unexpected '!'; write 'not', or '!=' to compare"
        case "&": "unexpected '&'; write 'and'"
        case "|": "unexpected '|'; write 'or'"
        default: "unexpected character '\(printable(scalar))'"
        }
    }

    /// The scalar as it can be shown in a message: invisible ones are escaped, e.g. `\u{A0}`.
    private static func printable(_ scalar: Unicode.Scalar) -> String {
        let isVisible = !scalar.properties.isWhitespace && scalar.properties.generalCategory != .control
        return isVisible ? String(scalar) : scalar.escaped(asASCII: true)
    }

    // MARK: Reading

    private func peek(offset: Int = 0) -> Unicode.Scalar? {
        position + offset < scalars.count ? scalars[position + offset] : nil
    }

    private func text(from start: Int) -> String {
        String(String.UnicodeScalarView(scalars[start..<position]))
    }

    private mutating func skipWhitespace() {
        while let scalar = peek(), scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" {
            position += 1
        }
    }

    private mutating func skipDigits() {
        while let scalar = peek(), scalar.isDigit { position += 1 }
    }

    private mutating func skipWordCharacters() {
        while let scalar = peek(), scalar.isWordCharacter { position += 1 }
    }
}

extension Unicode.Scalar {
    /// `0`–`9`.
    fileprivate var isDigit: Bool { ("0"..."9").contains(self) }

    /// A character that may continue a word: ASCII letters, digits and `_`.
    fileprivate var isWordCharacter: Bool {
        isDigit || ("a"..."z").contains(self) || ("A"..."Z").contains(self) || self == "_"
    }
}
