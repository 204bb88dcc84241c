import Foundation
import Testing

@testable import Workflow

/// The hand-written parser and writer must agree with Foundation's `JSONDecoder`/`JSONEncoder`,
/// which they replace on the hot paths; Foundation is the oracle here.
@Suite("JSON parsing and writing")
struct JSONValueParsingTests {
    private static let documents = [
        "null", "true", "false", "0", "-0", "42", "-9223372036854775808", "9223372036854775807",
        "9223372036854775808", "2.5", "-1.25e-3", "1E2", "2.0", "3.141592653589793",
        #""""#, #""plain""#, #""投诉 ✓""#, #""tab\tquote\"slash\/back\\\\""#, #""\u00e9\u4e2d\ud83d\ude00""#,
        "[]", "{}", " [1, \"two\", null, [true], {\"a\": {}}] ", #"{"b": 1, "a": [2.5, "x"], "c": {"d": null}}"#,
    ]

    @Test(arguments: documents)
    func parsingAgreesWithJSONDecoder(_ text: String) throws {
        let expected = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        #expect(try JSONValue.parse(text) == expected)
    }

    @Test(arguments: documents)
    func writingAgreesWithJSONEncoder(_ text: String) throws {
        let value = try JSONValue.parse(text)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let expected = String(decoding: try encoder.encode(value), as: UTF8.self)
        #expect(value.jsonText == expected)
    }

    @Test func controlCharactersAreEscapedAndReadBack() throws {
        let value = JSONValue.string("line\nbreak\u{01}\u{1F}end")
        #expect(value.jsonText == #""line\nbreak\u0001\u001fend""#)
        #expect(try JSONValue.parse(value.jsonText) == value)
    }

    @Test func objectKeysAreWrittenSorted() {
        let value: JSONValue = ["zeta": 1, "alpha": ["b": 2, "a": 1], "mid": nil]
        #expect(value.jsonText == #"{"alpha":{"a":1,"b":2},"mid":null,"zeta":1}"#)
    }

    @Test func numbersThatAreNotFiniteAreWrittenAsNull() {
        #expect(JSONValue.array([.double(.infinity), .double(.nan)]).jsonText == "[null,null]")
    }

    @Test(arguments: [
        ("", "unexpected end of input", 0) as (String, String, Int), ("{", "expected a key string", 1),
        ("[1,]", "unexpected character", 3),
        ("[1 2]", "expected ',' or ']'", 3), (#"{"a" 1}"#, "expected ':'", 5), ("01", "leading zero in number", 0),
        ("1.", "invalid number", 0), ("-", "invalid number", 0), ("tru", "unexpected character", 0),
        (#""abc"#, "unterminated string", 0), ("\"a\u{01}\"", "control character in string", 2),
        (#""\x""#, "invalid escape", 1), (#""\ud800""#, "lone surrogate in \\u escape", 1),
        (#""\udc00\u0041""#, "lone surrogate in \\u escape", 1), ("{} x", "unexpected content after the JSON value", 3),
        ("1e999", "number out of range", 0), (#"{"a": 1, "a": 2}"#, "duplicate key 'a'", 9),
    ])
    func malformedTextIsRefusedWithItsPosition(_ text: String, _ message: String, _ offset: Int) {
        #expect(throws: JSONSyntaxError(message: message, offset: offset)) { try JSONValue.parse(text) }
    }

    @Test func invalidUTF8IsRefused() {
        let bytes: [UInt8] = [UInt8(ascii: "\""), 0xC3, 0x28, UInt8(ascii: "\"")]
        #expect(throws: JSONSyntaxError(message: "invalid UTF-8 in string", offset: 0)) {
            try JSONValue.parse(bytes)
        }
    }

    @Test func nestingDeeperThanTheLimitIsRefusedWithoutCrashing() throws {
        let limit = JSONValue.maximumParsingDepth
        let deep = String(repeating: "[", count: limit) + String(repeating: "]", count: limit)
        #expect(try JSONValue.parse(deep) != .null)
        let tooDeep = String(repeating: "[", count: limit + 1) + String(repeating: "]", count: limit + 1)
        #expect(throws: JSONSyntaxError(message: "nested too deeply", offset: limit)) { try JSONValue.parse(tooDeep) }
        let hostile = String(repeating: "[", count: 100_000)
        #expect(throws: JSONSyntaxError.self) { try JSONValue.parse(hostile) }
    }
}
