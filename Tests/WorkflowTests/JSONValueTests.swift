import Foundation
import Testing

@testable import Workflow

@Suite("JSON values")
struct JSONValueTests {
    private func roundTrip(_ value: JSONValue) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(value))
    }

    private func decode(_ json: String) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: Data(json.utf8))
    }

    @Test(arguments: [
        JSONValue.null, true, false, 0, -42, 9_007_199_254_740_993, 2.5, "", "投诉",
        [1, "two", nil], ["nested": ["list": [true, 1.25]], "empty": [:]],
    ])
    func valuesSurviveAJSONRoundTrip(_ value: JSONValue) throws {
        #expect(try roundTrip(value) == value)
    }

    @Test func valuesEncodeAsPlainJSON() throws {
        let value: JSONValue = ["customer": "Ada", "satisfaction": 5, "tags": ["vip"], "note": nil]
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = String(decoding: try encoder.encode(value), as: UTF8.self)
        #expect(json == #"{"customer":"Ada","note":null,"satisfaction":5,"tags":["vip"]}"#)
    }

    @Test func decodingPrefersIntegersOverDoubles() throws {
        #expect(try decode("3") == .int(3))
        #expect(try decode("1") == .int(1))
        #expect(try decode("0") == .int(0))
        #expect(try decode("3.5") == .double(3.5))
        #expect(try decode("true") == .bool(true))
        #expect(try decode("null") == .null)
        #expect(try decode(#"{"a":[1,"x"]}"#) == ["a": [1, "x"]])
    }

    @Test func literalsBuildTheMatchingCases() {
        let values: [JSONValue] = [nil, true, 7, 1.5, "s", [1], ["k": "v"]]
        #expect(
            values == [
                .null, .bool(true), .int(7), .double(1.5), .string("s"), .array([.int(1)]),
                .object(["k": .string("v")]),
            ])
    }
}
