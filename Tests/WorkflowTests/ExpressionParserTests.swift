import Testing

@testable import Workflow

@Suite("Expression parsing")
struct ExpressionParserTests {
    /// The expression with every operation in parentheses.
    private func structure(_ text: String) throws -> String {
        try Expression.parse(text).root.parenthesized
    }

    /// The error that parsing `text` throws.
    private func parseError(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> ExpressionError? {
        #expect(throws: ExpressionError.self, sourceLocation: sourceLocation) { try Expression.parse(text) }
    }

    @Test(arguments: [
        ("a + b * c", "(a + (b * c))"),
        ("a * b + c", "((a * b) + c)"),
        ("a - b - c", "((a - b) - c)"),
        ("a / b * c", "((a / b) * c)"),
        ("(a + b) * c", "((a + b) * c)"),
        ("-a * b", "((-a) * b)"),
        ("- -a", "(-(-a))"),
        ("a + b > c * 2", "((a + b) > (c * 2))"),
        ("a or b and c", "(a or (b and c))"),
        ("a and b or c and d", "((a and b) or (c and d))"),
        ("a and b and c", "((a and b) and c)"),
        ("not a and b", "((not a) and b)"),
        ("not a == b", "(not (a == b))"),
        ("not not a", "(not (not a))"),
        ("a == 1 or b != 2", "((a == 1) or (b != 2))"),
        ("a in [1, 2] and b not in ['x']", "((a in [1, 2]) and (b not in ['x']))"),
        ("a is null or b is not null", "((a is null) or (b is not null))"),
        ("a + 1 in [b * 2, 3]", "((a + 1) in [(b * 2), 3])"),
        ("not a is null", "(not (a is null))"),
    ])
    func operatorsBindByPrecedence(text: String, expected: String) throws {
        #expect(try structure(text) == expected)
    }

    @Test(arguments: [
        ("15", "15"),
        ("1.5", "1.5"),
        ("'p1'", "'p1'"),
        ("\"p1\"", "'p1'"),
        (#"'it\'s'"#, #"'it\'s'"#),
        (#""say \"hi\"""#, "'say \"hi\"'"),
        (#"'back\\slash'"#, #"'back\\slash'"#),
        ("'投诉'", "'投诉'"),
        ("true", "true"),
        ("false", "false"),
        ("null", "null"),
        ("9223372036854775807", "9223372036854775807"),
        ("field_2", "field_2"),
    ])
    func literalsAndFieldNamesParse(text: String, expected: String) throws {
        #expect(try structure(text) == expected)
    }

    @Test func whitespaceIncludingNewlinesAndTabsIsIgnored() throws {
        #expect(try structure(" \tscore\n>=\r\n15 ") == "(score >= 15)")
    }

    @Test func theSourceTextIsKept() throws {
        let expression = try Expression.parse("score >= 15")
        #expect(expression.source == "score >= 15")
        #expect("\(expression)" == "score >= 15")
    }

    @Test(arguments: [
        ("score >= )", "unexpected ')'", 10),
        ("(score >= 15", "expected ')' to close the '(' at column 1, got end of expression", 13),
        ("score >= 15)", "unexpected ')'", 12),
        ("score >=", "expected a value after '>='", 9),
        ("", "empty expression", 1),
        ("   ", "empty expression", 1),
        ("score 15", "expected an operator before '15'", 7),
        ("a < b < c", "comparisons cannot be chained; join them with 'and', e.g. a < b and b < c", 7),
        ("a == b is null", "comparisons cannot be chained; join them with 'and', e.g. a < b and b < c", 8),
        ("[1, 2]", "a list is only allowed after 'in' or 'not in', e.g. severity in ['p1', 'p2']", 1),
        ("a in 'p1'", "expected a list after 'in', e.g. ['p1', 'p2'], got 'p1'", 6),
        ("a in []", "an empty list matches nothing; list at least one value", 6),
        ("a in [1, 2", "expected ']' to close the list at column 6, got end of expression", 11),
        ("a in [1 2]", "expected an operator before '2'", 9),
        ("a is 5", "expected 'null' or 'not null' after 'is', got '5'", 6),
        ("a is not", "expected 'null' after 'is not', got end of expression", 9),
        ("a not b", "unexpected 'not'", 3),
        ("score and", "expected a value after 'and'", 10),
        ("and", "unexpected 'and'", 1),
        ("a = 1", "unexpected '='; compare with '=='", 3),
        ("!a", "unexpected '!'; write 'not', or '!=' to compare", 1),
        ("a && b", "unexpected '&'; write 'and'", 3),
        ("a || b", "unexpected '|'; write 'or'", 3),
        ("a.b", "unexpected character '.'", 2),
        ("score # 1", "unexpected character '#'", 7),
        ("a\u{A0}== 1", "unexpected character '\\u{00A0}'", 2),
        ("'open", "unterminated string: add the closing '", 1),
        ("x == \"open", "unterminated string: add the closing \"", 6),
        (#"'a\nb'"#, #"unknown escape '\n' in a string; only \\, \' and \" are allowed"#, 3),
        ("1.", "a decimal needs digits after '.', e.g. 1.5", 2),
        ("15d", "invalid number '15d'", 1),
        ("1.5.2", "invalid number '1.5.2'", 1),
        ("99999999999999999999", "number 99999999999999999999 is too large; the largest int is 9223372036854775807", 1),
        ("Score > 1", "'Score' is not a field name; field names start with a-z and use only a-z, 0-9 and '_'", 1),
        ("_score > 1", "'_score' is not a field name; field names start with a-z and use only a-z, 0-9 and '_'", 1),
        ("a AND b", "write the keyword 'AND' in lower case: 'and'", 3),
        ("分数 > 1", "unexpected character '分'", 1),
        ("'投诉' == 分", "unexpected character '分'", 9),
    ])
    func syntaxErrorsSayWhatIsWrongAndWhere(text: String, message: String, column: Int) {
        let error = parseError(text)
        #expect(error?.message == message)
        #expect(error?.column == column)
    }

    @Test func keywordsCannotNameFields() {
        for keyword in ["and", "or", "not", "in", "is"] {
            #expect(throws: ExpressionError.self) { try Expression.parse("\(keyword) == 1") }
        }
    }

    @Test func nestingUpToTheLimitParses() throws {
        let depth = Expression.maximumDepth
        let nested = String(repeating: "(", count: depth) + "a" + String(repeating: ")", count: depth)
        #expect(try structure(nested) == "a")
        #expect(try structure(String(repeating: "not ", count: depth) + "a").hasPrefix("(not (not"))
    }

    /// Each case repeats an opening 65 times; the error points at the opening of level 65.
    @Test(arguments: [("(", 65), ("not ", 257), ("-", 65), ("(a in [", 225)])
    func nestingBeyondTheLimitIsRefused(opening: String, column: Int) {
        let text = String(repeating: opening, count: Expression.maximumDepth + 1) + "a"
        let error = parseError(text)
        #expect(error?.message == "expression is nested too deeply: more than 64 levels")
        #expect(error?.column == column)
    }

    @Test func hostileNestingFailsCleanlyInsteadOfOverflowingTheStack() {
        let text = String(repeating: "(", count: 4000)
        #expect(parseError(text)?.column == 65)
    }

    @Test func aLongFlatExpressionParsesIntoAFlatChain() throws {
        let terms = Array(repeating: "a", count: 800)
        let expression = try Expression.parse(terms.joined(separator: " or "))
        guard case .logical(.or, let operands) = expression.root.kind else {
            Issue.record("expected one 'or' chain, got \(expression.root.kind)")
            return
        }
        #expect(operands.count == 800)
    }

    @Test func expressionsLongerThanTheLimitAreRefused() throws {
        let longest = "a" + String(repeating: " ", count: Expression.maximumLength - 1)
        _ = try Expression.parse(longest)
        let error = parseError(longest + " ")
        #expect(error?.message == "expression is too long: 4097 bytes, at most 4096 are allowed")
        #expect(error?.column == 1)
    }

    @Test func theFieldNamesReadAreCollectedOnce() throws {
        let expression = try Expression.parse(
            "likelihood * impact >= 15 and (owner in [backup, 'ops'] or -impact is null) and not done")
        #expect(expression.fieldNames == ["likelihood", "impact", "owner", "backup", "done"])
        #expect(try Expression.parse("1 + 2 == 3").fieldNames.isEmpty)
    }

    @Test func equalSourcesParseToEqualExpressions() throws {
        #expect(try Expression.parse("a + 1") == Expression.parse("a + 1"))
        #expect(try Expression.parse("a + 1") != Expression.parse("a+1"))
    }
}
