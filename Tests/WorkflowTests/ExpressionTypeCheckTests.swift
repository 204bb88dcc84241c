import Testing

@testable import Workflow

@Suite("Expression type checking")
struct ExpressionTypeCheckTests {
    /// Fields of every type, as a risk-review workflow might declare them.
    static let fields: [String: FieldType] = [
        "score": .int, "likelihood": .int, "impact": .int, "ratio": .decimal,
        "customer": .string, "resolution": .text, "owner": .user,
        "severity": .enumeration(["p1", "p2", "p3"]), "priority": .enumeration(["p1", "p2"]),
        "channel": .enumeration(["phone", "email", "chat", "social"]),
        "due": .date, "opened": .date, "approved": .bool, "tags": .list(.string),
    ]

    private func type(of text: String) throws -> ExpressionType {
        try Expression.parse(text).typeCheck(fields: Self.fields)
    }

    /// The error that type-checking `text` throws.
    private func typeError(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> ExpressionError?
    {
        let expression = try Expression.parse(text)
        return #expect(throws: ExpressionError.self, sourceLocation: sourceLocation) {
            try expression.typeCheck(fields: Self.fields)
        }
    }

    @Test(
        arguments: [
            ("likelihood * impact", .int),
            ("score + 1 - 2", .int),
            ("score / 2", .decimal),
            ("score * 2 / 2", .decimal),
            ("score + ratio", .decimal),
            ("score + 1.5", .decimal),
            ("-score", .int),
            ("-ratio", .decimal),
            ("customer", .string),
            ("resolution", .string),
            ("owner", .string),
            ("'text'", .string),
            ("severity", .enumeration(["p1", "p2", "p3"])),
            ("due", .date),
            ("approved", .bool),
            ("tags", .list(.string)),
            ("null", .null),
        ] as [(String, ExpressionType)])
    func valuesHaveTheTypeOfTheirFieldsAndOperators(text: String, expected: ExpressionType) throws {
        #expect(try type(of: text) == expected)
    }

    @Test(arguments: [
        "score >= 15", "score == 1.5", "ratio < score", "customer == owner", "resolution != 'x'",
        "customer in [owner, 'ops']", "severity == 'p1'", "'p2' != severity", "severity in ['p1', 'p2']",
        "severity not in ['p3']", "severity == priority", "severity == customer", "due < '2026-10-01'",
        "'2028-02-29' <= due", "due >= opened", "due in ['2026-10-01', '2026-10-02']", "approved == true",
        "approved and not (score < 3)", "approved or score > 1 and severity == 'p1'", "tags is null",
        "tags is not null", "null is null", "(score * 2) is null",
    ])
    func conditionsAreBools(text: String) throws {
        #expect(try type(of: text) == .bool)
    }

    @Test(arguments: [
        ("scor >= 15", "unknown field 'scor'; did you mean 'score'?", 1),
        ("score >= 15 and colour == 'red'", "unknown field 'colour'", 17),
        ("scor is null", "unknown field 'scor'; did you mean 'score'?", 1),
        ("a > 1", "unknown field 'a'", 1),
        ("customer + 1", "'+' needs numbers; 'customer' is string", 1),
        ("score * 'x'", "'*' needs numbers, got string", 9),
        ("null + 1", "'+' needs numbers, got null", 1),
        ("-approved", "'-' needs a number; 'approved' is bool", 2),
        ("due - 1", "'-' needs numbers; 'due' is date", 1),
        ("score and approved", "'and' needs bool conditions; 'score' is int", 1),
        ("approved or score + 1", "'or' needs bool conditions, got int", 13),
        ("(score + 1) and approved", "'and' needs bool conditions, got int", 2),
        ("not score", "'not' needs a bool condition; 'score' is int", 5),
        ("score == 'high'", "cannot compare 'score' (int) with 'high' (string)", 7),
        ("approved == 1", "cannot compare 'approved' (bool) with int", 10),
        ("due == customer", "cannot compare 'due' (date) with 'customer' (string)", 5),
        ("due > score", "cannot compare 'due' (date) with 'score' (int)", 5),
        ("score in [1, 'two']", "cannot compare 'score' (int) with 'two' (string)", 14),
        ("customer < 'm'", "'<' compares numbers or dates; 'customer' is string", 1),
        ("severity >= 'p2'", "'>=' compares numbers or dates; 'severity' is enum [p1, p2, p3]", 1),
        ("score > approved", "'>' compares numbers or dates; 'approved' is bool", 9),
        ("score == null", "comparing with null is never true; use 'is null' or 'is not null'", 10),
        ("null != severity", "comparing with null is never true; use 'is null' or 'is not null'", 1),
        ("severity in ['p1', null]", "comparing with null is never true; use 'is null' or 'is not null'", 20),
        ("tags == 'x'", "'tags' is list of string; lists can only be tested with 'is null' or 'is not null'", 1),
        ("'x' in [tags]", "'tags' is list of string; lists can only be tested with 'is null' or 'is not null'", 9),
    ])
    func typeErrorsSayWhatIsWrongAndWhere(text: String, message: String, column: Int) throws {
        let error = try typeError(text)
        #expect(error?.message == message)
        #expect(error?.column == column)
    }

    @Test(arguments: [
        ("severity == 'p0'", "'p0'", 13),
        ("'P1' == severity", "'P1'", 1),
        ("severity != 'p 1'", "'p 1'", 13),
        ("severity in ['p1', 'p4']", "'p4'", 20),
        ("severity not in ['p1', 'p9']", "'p9'", 24),
    ])
    func aStringThatIsNotOneOfTheEnumsValuesIsATypo(text: String, literal: String, column: Int) throws {
        let error = try typeError(text)
        #expect(error?.message == "'severity' is enum [p1, p2, p3]; \(literal) is not one of its values")
        #expect(error?.column == column)
    }

    @Test func enumsWithNoValueInCommonAreNeverEqual() throws {
        let error = try typeError("severity == channel")
        #expect(error?.message == "'severity' and 'channel' have no values in common, so they are never equal")
        #expect(error?.column == 10)
    }

    @Test(arguments: [
        ("due < '2026-02-30'", "'2026-02-30'", 7),
        ("due == 'tomorrow'", "'tomorrow'", 8),
        ("'2027-02-29' > due", "'2027-02-29'", 1),
        ("due in ['2026-10-01', '2026-1-02']", "'2026-1-02'", 23),
        ("due >= '2026-10-01T09:00'", "'2026-10-01T09:00'", 8),
    ])
    func dateLiteralsMustBeRealDates(text: String, literal: String, column: Int) throws {
        let error = try typeError(text)
        #expect(error?.message == "\(literal) is not a valid date; write dates as YYYY-MM-DD, e.g. 2026-10-01")
        #expect(error?.column == column)
    }

    @Test func aConditionMustBeABool() throws {
        try Expression.parse("score >= 15").typeCheckCondition(fields: Self.fields)
        let error = #expect(throws: ExpressionError.self) {
            try Expression.parse("  score * 2").typeCheckCondition(fields: Self.fields)
        }
        #expect(error == ExpressionError("expected a bool condition, got int", column: 3))
        #expect(throws: ExpressionError("expected a bool condition, got null", column: 1)) {
            try Expression.parse("null").typeCheckCondition(fields: Self.fields)
        }
    }

    @Test func aComputedValueMustFitItsField() throws {
        let product = try Expression.parse("likelihood * impact")
        #expect(try product.typeCheckComputedField(named: "score", type: .int, fields: Self.fields) == .int)
        #expect(try product.typeCheckComputedField(named: "ratio", type: .decimal, fields: Self.fields) == .int)
        let error = #expect(throws: ExpressionError.self) {
            try Expression.parse("likelihood / impact").typeCheckComputedField(
                named: "score", type: .int, fields: Self.fields)
        }
        #expect(error == ExpressionError("field 'score' is int but the expression gives decimal", column: 1))
    }

    @Test(
        arguments: [
            (.int, .int, true), (.int, .decimal, true), (.decimal, .decimal, true),
            (.decimal, .int, false), (.int, .string, false), (.bool, .bool, true), (.bool, .int, false),
            (.string, .string, true), (.string, .text, true), (.string, .user, true), (.string, .date, false),
            (.string, .enumeration(["p1"]), false), (.date, .date, true), (.date, .string, true),
            (.enumeration(["p1", "p2"]), .enumeration(["p1", "p2", "p3"]), true),
            (.enumeration(["p1", "p4"]), .enumeration(["p1", "p2", "p3"]), false),
            (.enumeration(["p1"]), .string, true), (.null, .int, true), (.null, .enumeration(["p1"]), true),
            (.list(.int), .list(.decimal), true), (.list(.string), .list(.int), false), (.list(.int), .int, false),
            (.int, .list(.int), false),
        ] as [(ExpressionType, FieldType, Bool)])
    func storingAValueInAFieldNeedsACompatibleType(type: ExpressionType, field: FieldType, fits: Bool) {
        #expect(type.canBeStored(in: field) == fits)
    }

    @Test func typesDescribeThemselvesAsInMessages() {
        #expect(ExpressionType.enumeration(["p1", "p2"]).description == "enum [p1, p2]")
        #expect(ExpressionType.list(.decimal).description == "list of decimal")
        #expect(ExpressionType(.user) == .string)
        #expect(ExpressionType(.list(.date)) == .list(.date))
    }

    @Test func errorsDescribeThemselvesWithTheirColumn() {
        #expect("\(ExpressionError("unknown field 'scor'", column: 7))" == "column 7: unknown field 'scor'")
    }
}
