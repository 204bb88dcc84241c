import Testing

@testable import Workflow

@Suite("Expression evaluation")
struct ExpressionEvaluationTests {
    /// A task's fields; `missing` is deliberately absent and `cleared` is explicitly null.
    static let task: [String: JSONValue] = [
        "score": 20, "ratio": 0.5, "customer": "Ada", "severity": "p1", "due": "2026-10-01",
        "approved": true, "rejected": false, "tags": ["a"], "cleared": nil,
        "biggest": .int(.max), "smallest": .int(.min), "huge": 1e300, "details": ["a": 1],
    ]

    private func value(of text: String) throws -> JSONValue {
        try Expression.parse(text).evaluate(Self.task)
    }

    @Test(
        arguments: [
            ("2 + 3", 5), ("2 - 3", -1), ("2 * 3", 6), ("7 / 2", 3.5), ("6 / 3", .double(2)),
            ("score * ratio", .double(10)), ("1.5 + 1", 2.5), ("1 - 0.25", 0.75), ("ratio * 4", .double(2)),
            ("-score", -20), ("-ratio", -0.5), ("- -score", 20), ("2 + 3 * 4", 14), ("(2 + 3) * 4", 20),
            ("10 - 4 - 3", 3), ("12 / 2 / 3", .double(2)), ("score - -5", 25),
        ] as [(String, JSONValue)])
    func arithmeticComputesNumbers(text: String, expected: JSONValue) throws {
        #expect(try value(of: text) == expected)
    }

    @Test(
        arguments: [
            ("score == 20", true), ("score != 20", false), ("score < 21", true), ("score <= 20", true),
            ("score > 20", false), ("score >= 20.5", false), ("ratio == 0.5", true), ("2 == 2.0", true),
            ("0.5 < score", true), ("customer == 'Ada'", true), ("customer != 'ada'", true),
            ("customer == \"Ada\"", true), ("due < '2026-10-02'", true), ("due >= '2026-09-30'", true),
            ("due > '2026-10-01'", false), ("approved == true", true), ("approved != rejected", true),
            ("severity in ['p1', 'p2']", true), ("severity in ['p2', 'p3']", false),
            ("severity not in ['p2']", true), ("severity not in ['p2', 'p1']", false), ("score in [1, 20.0]", true),
            ("score + 1 in [score * 2, 21]", true), ("missing is null", true), ("cleared is null", true),
            ("score is null", false), ("score is not null", true), ("missing is not null", false),
            ("approved and rejected", false), ("approved or rejected", true), ("not rejected", true),
            ("not approved", false), ("approved and score > 10 and severity == 'p1'", true),
            ("rejected or score < 10 or customer == 'Ada'", true), ("not score > 30 and not rejected", true),
        ] as [(String, Bool)])
    func comparisonsAndLogicGiveBools(text: String, expected: Bool) throws {
        #expect(try value(of: text) == .bool(expected))
    }

    @Test(
        arguments: [
            ("9007199254740993 > 9007199254740992.0", true),
            ("9007199254740993 == 9007199254740992.0", false),
            ("biggest == 9223372036854775807.0", false),
            ("biggest < 9223372036854775807.0", true),
            ("smallest == -9223372036854775808.0", true),
            ("smallest > -9223372036854777856.0", true),
            ("3 < 3.5 and 3.5 > 3", true),
        ] as [(String, Bool)])
    func intsAndDecimalsCompareExactly(text: String, expected: Bool) throws {
        #expect(try value(of: text) == .bool(expected))
    }

    @Test(
        arguments: [
            ("missing + 1", nil), ("missing * 0", nil), ("-missing", nil), ("cleared - 1", nil),
            ("missing == 1", nil), ("missing != 1", nil), ("missing < 1", nil), ("missing == missing", nil),
            ("missing in [1, 2]", nil), ("missing not in [1]", nil), ("1 in [missing, 2]", nil),
            ("1 in [missing, 1]", true), ("1 not in [missing, 2]", nil), ("1 not in [missing, 1]", false),
            ("missing == 1 and true", nil), ("missing == 1 and false", false), ("false and missing == 1", false),
            ("missing == 1 or true", true), ("missing == 1 or false", nil), ("not (missing == 1)", nil),
            ("null is null", true), ("(missing + 1) is null", true),
        ] as [(String, JSONValue)])
    func nullIsUnknownAsInSQL(text: String, expected: JSONValue) throws {
        #expect(try value(of: text) == expected)
    }

    @Test func aConditionPassesOnlyWhenItIsExactlyTrue() throws {
        let satisfied = { (text: String) in try Expression.parse(text).isSatisfied(by: Self.task) }
        #expect(try satisfied("score >= 15"))
        #expect(try !satisfied("score < 15"))
        #expect(try !satisfied("missing == 1"))
        #expect(try !satisfied("not (missing == 1)"))
        #expect(try satisfied("missing is null"))
        #expect(try !satisfied("score"))
        #expect(try !satisfied("null"))
        #expect(try Expression.parse("severity == 'p1'").isSatisfied(by: [:]) == false)
    }

    @Test(arguments: ["score / 0", "ratio / 0.0", "1 / (score - 20)", "0 / 0", "-1.5 / 0", "score / 0 > 1"])
    func divisionByZeroIsNull(text: String) throws {
        #expect(try value(of: text) == .null)
    }

    @Test(arguments: [
        "9223372036854775807 + 1", "-9223372036854775807 - 2", "biggest * 2", "biggest * biggest",
        "smallest - 1", "-smallest", "smallest * -1", "huge * huge", "-huge * huge", "huge * huge > 1",
    ])
    func arithmeticThatOverflowsIsNullInsteadOfTrapping(text: String) throws {
        #expect(try value(of: text) == .null)
    }

    @Test func divisionOfExtremeIntsIsADecimal() throws {
        #expect(try value(of: "smallest / -1") == .double(9_223_372_036_854_775_808))
        #expect(try value(of: "biggest - 1 + 1") == .int(.max))
    }

    @Test(arguments: [
        "customer + 1", "customer < 1", "customer == 1", "tags == tags", "tags + 1", "details == details",
        "not score", "score and true", "rejected or customer", "approved < rejected", "-customer",
        "score in [customer]", "approved * 2",
    ])
    func valuesOfTheWrongKindGiveNullWithoutACheck(text: String) throws {
        #expect(try value(of: text) == .null)
    }

    @Test func fieldsReadTheirStoredValues() throws {
        #expect(try value(of: "tags") == ["a"])
        #expect(try value(of: "customer") == "Ada")
        #expect(try value(of: "missing") == .null)
    }
}
