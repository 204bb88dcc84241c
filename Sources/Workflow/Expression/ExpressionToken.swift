/// One lexical unit of an expression, with the column where it starts.
struct ExpressionToken: Sendable, Hashable {
    /// What the token is.
    enum Kind: Sendable, Hashable {
        case integer(Int64)
        case decimal(Double)
        case string(String)
        case identifier(String)
        case keyword(ExpressionKeyword)
        case symbol(ExpressionSymbol)
        /// The end of the text; its column is one past the last character.
        case end
    }

    /// What the token is.
    let kind: Kind
    /// The 1-based column of the token's first character.
    let column: Int
    /// The token as the author wrote it, for messages such as `unexpected ')'`.
    let spelling: String
}

/// The reserved words of the expression language; none of them can name a field.
enum ExpressionKeyword: String, Sendable, Hashable, CaseIterable {
    case and, or, not, `in`, `is`, null, `true`, `false`
}

/// The punctuation of the expression language.
enum ExpressionSymbol: String, Sendable, Hashable, CaseIterable {
    case plus = "+"
    case minus = "-"
    case star = "*"
    case slash = "/"
    case equal = "=="
    case notEqual = "!="
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="
    case openParenthesis = "("
    case closeParenthesis = ")"
    case openBracket = "["
    case closeBracket = "]"
    case comma = ","
}

extension ExpressionToken {
    /// Whether the token is the given keyword.
    func `is`(_ keyword: ExpressionKeyword) -> Bool {
        kind == .keyword(keyword)
    }

    /// Whether the token is the given symbol.
    func `is`(_ symbol: ExpressionSymbol) -> Bool {
        kind == .symbol(symbol)
    }

    /// How the token reads in an error message: `')'`, `'p1'`, or `end of expression`.
    var quoted: String {
        switch kind {
        case .end: "end of expression"
        case .string: spelling
        default: "'\(spelling)'"
        }
    }
}
