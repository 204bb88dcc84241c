import Foundation
import Testing
import Workflow

@testable import OpslineClient

@Suite struct JSONValueTextTests {
    @Test func integersStayIntegersAndFractionsStayFractions() {
        #expect(JSONValue(parsing: "5") == .int(5))
        #expect(JSONValue(parsing: "5.5") == .double(5.5))
        #expect(JSONValue(parsing: "true") == .bool(true))
        #expect(JSONValue(parsing: "null") == .null)
        #expect(JSONValue(parsing: #""ACME""#) == .string("ACME"))
        #expect(JSONValue(parsing: #"{"a":[1,"b",null]}"#) == ["a": [1, "b", nil]])
    }

    @Test func textThatIsNotJSONDoesNotParse() {
        #expect(JSONValue(parsing: "ACME") == nil)
        #expect(JSONValue(parsing: "007") == nil)
        #expect(JSONValue(parsing: "[1,") == nil)
        #expect(JSONValue(parsing: "") == nil)
    }

    @Test func compactTextIsOneLineWithSortedKeys() {
        let value: JSONValue = ["b": [1, 2.5, true, nil], "a": ["z": "x", "y": [:]], "c": []]
        #expect(value.compactText == #"{"a":{"y":{},"z":"x"},"b":[1,2.5,true,null],"c":[]}"#)
    }

    @Test func stringsAreEscapedAsJSONRequires() {
        let value: JSONValue = "quote \" backslash \\ line\nbreak\ttab \u{01} café / ☕"
        #expect(value.compactText == #""quote \" backslash \\ line\nbreak\ttab \u0001 café / ☕""#)
        #expect(JSONValue(parsing: value.compactText) == value)
    }

    @Test func numbersJSONCannotHoldBecomeNull() {
        #expect(JSONValue.array([.double(.infinity), .double(.nan)]).compactText == "[null,null]")
    }

    @Test func prettyTextIndentsByTwoSpaces() {
        let value: JSONValue = ["id": "CMP-1", "fields": ["n": 1], "tags": ["a"], "none": [:]]
        #expect(
            value.prettyText == """
                {
                  "fields": {
                    "n": 1
                  },
                  "id": "CMP-1",
                  "none": {},
                  "tags": [
                    "a"
                  ]
                }
                """)
    }

    @Test func codableRoundTripKeepsEveryValue() throws {
        let value: JSONValue = ["a": [1, -2, 3.25, "x", true, false, nil, ["k": "v"]]]
        let decoded = try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(value))
        #expect(decoded == value)
    }
}
