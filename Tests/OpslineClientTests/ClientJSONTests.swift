import Foundation
import Testing

@testable import OpslineClient

@Suite struct ClientJSONTests {
    @Test func integersStayIntegersAndFractionsStayFractions() {
        #expect(ClientJSON(parsing: "5") == .int(5))
        #expect(ClientJSON(parsing: "5.5") == .double(5.5))
        #expect(ClientJSON(parsing: "true") == .bool(true))
        #expect(ClientJSON(parsing: "null") == .null)
        #expect(ClientJSON(parsing: #""ACME""#) == .string("ACME"))
        #expect(ClientJSON(parsing: #"{"a":[1,"b",null]}"#) == ["a": [1, "b", nil]])
    }

    @Test func textThatIsNotJSONDoesNotParse() {
        #expect(ClientJSON(parsing: "ACME") == nil)
        #expect(ClientJSON(parsing: "007") == nil)
        #expect(ClientJSON(parsing: "[1,") == nil)
        #expect(ClientJSON(parsing: "") == nil)
    }

    @Test func compactTextIsOneLineWithSortedKeys() {
        let value: ClientJSON = ["b": [1, 2.5, true, nil], "a": ["z": "x", "y": [:]], "c": []]
        #expect(value.compactText == #"{"a":{"y":{},"z":"x"},"b":[1,2.5,true,null],"c":[]}"#)
    }

    @Test func stringsAreEscapedAsJSONRequires() {
        let value: ClientJSON = "quote \" backslash \\ line\nbreak\ttab \u{01} café / ☕"
        #expect(value.compactText == #""quote \" backslash \\ line\nbreak\ttab \u0001 café / ☕""#)
        #expect(ClientJSON(parsing: value.compactText) == value)
    }

    @Test func numbersJSONCannotHoldBecomeNull() {
        #expect(ClientJSON.array([.double(.infinity), .double(.nan)]).compactText == "[null,null]")
    }

    @Test func prettyTextIndentsByTwoSpaces() {
        let value: ClientJSON = ["id": "CMP-1", "fields": ["n": 1], "tags": ["a"], "none": [:]]
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
        let value: ClientJSON = ["a": [1, -2, 3.25, "x", true, false, nil, ["k": "v"]]]
        let decoded = try JSONDecoder().decode(ClientJSON.self, from: JSONEncoder().encode(value))
        #expect(decoded == value)
    }
}
