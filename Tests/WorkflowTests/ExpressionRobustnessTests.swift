import Testing

@testable import Workflow

@Suite("Expression robustness")
struct ExpressionRobustnessTests {
    /// A small deterministic generator (SplitMix64), so a failure reproduces.
    struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64

        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var mixed = state
            mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
            mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
            return mixed ^ (mixed >> 31)
        }
    }

    /// Pieces that random expressions are made of: valid tokens, extreme numbers and debris.
    static let pieces = [
        "score", "ratio", "customer", "severity", "due", "approved", "tags", "missing", "biggest",
        "0", "1", "-", "9223372036854775807", "0.5", "1e3", "'p1'", "'2026-10-01'", "\"x\\\"y\"", "'",
        "\\", "true", "false", "null", "and", "or", "not", "in", "is", "+", "*", "/", "==", "!=", "<",
        "<=", ">", ">=", "(", ")", "[", "]", ",", " ", "=", "!", ".", "投", "\u{A0}", "\n",
    ]

    static let fields: [String: FieldType] = [
        "score": .int, "ratio": .decimal, "customer": .string, "severity": .enumeration(["p1", "p2"]),
        "due": .date, "approved": .bool, "tags": .list(.string), "biggest": .int,
    ]

    static let task: [String: JSONValue] = [
        "score": 3, "ratio": 0.5, "customer": "Ada", "severity": "p1", "due": "2026-10-01",
        "approved": true, "tags": ["a"], "biggest": .int(.max),
    ]

    @Test func randomTextNeverCrashesAndErrorsPointInsideIt() {
        var generator = SeededGenerator(state: 20_261_001)
        var parsed = 0
        for _ in 0..<5000 {
            let count = Int.random(in: 1...12, using: &generator)
            let text = (0..<count).map { _ in Self.pieces.randomElement(using: &generator)! }.joined(separator: " ")
            do {
                let expression = try Expression.parse(text)
                parsed += 1
                _ = try? expression.typeCheck(fields: Self.fields)
                _ = expression.evaluate(Self.task)
                _ = expression.evaluate([:])
            } catch {
                #expect((1...text.unicodeScalars.count + 1).contains(error.column), "\(text): \(error)")
            }
        }
        #expect(parsed > 100)
    }

    @Test func typeErrorsPointInsideTheText() throws {
        var generator = SeededGenerator(state: 7)
        let operands = ["score", "ratio", "customer", "severity", "due", "approved", "tags", "'p3'", "null", "1"]
        let operators = ["+", "*", "/", "==", "<", "and", "or", "in ["]
        for _ in 0..<2000 {
            let left = operands.randomElement(using: &generator)!
            let operation = operators.randomElement(using: &generator)!
            let right = operands.randomElement(using: &generator)!
            let text = "\(left) \(operation) \(right)" + (operation == "in [" ? "]" : "")
            do {
                _ = try Expression.parse(text).typeCheck(fields: Self.fields)
            } catch {
                #expect((1...text.unicodeScalars.count).contains(error.column), "\(text): \(error)")
            }
        }
    }

    @Test func theDeepestAllowedExpressionChecksAndEvaluates() throws {
        let level = "(approved or approved and score == 1 + 2 * "
        let depth = Expression.maximumDepth
        let text = String(repeating: level, count: depth) + "1" + String(repeating: ")", count: depth)
        let expression = try Expression.parse(text)
        #expect(throws: ExpressionError.self) { try expression.typeCheck(fields: Self.fields) }
        #expect(expression.evaluate(Self.task) == true)  // `approved or ...` stops at the first level
        #expect(expression.evaluate([:]) == .null)  // every level is unknown, so all are evaluated
    }

    @Test func aLongFlatExpressionEvaluates() throws {
        let terms = Array(repeating: "score", count: 600)
        let expression = try Expression.parse(terms.joined(separator: "+"))
        #expect(try expression.typeCheck(fields: Self.fields) == .int)
        #expect(expression.evaluate(Self.task) == 1800)
    }
}
