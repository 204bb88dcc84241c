import Testing
import Workflow

@testable import OpslineClient

/// What `-o name` takes from each line.
@Suite struct OutputNameTests {
    @Test func theNameIsTheMemberAtThePath() throws {
        let task = try #require(JSONValue(parsing: APILines.task))
        #expect(OutputName.of(task, at: "id") == "CMP-42")
        let result = try #require(JSONValue(parsing: #"{"line":1,"status":201,"task":{"id":"CMP-7"}}"#))
        #expect(OutputName.of(result, at: "task.id") == "CMP-7")
        let event = try #require(JSONValue(parsing: #"{"seq":12,"task":"CMP-7"}"#))
        #expect(OutputName.of(event, at: "seq") == "12", "numbers are written as numbers")
    }

    @Test func aLineWithoutANameHasNone() throws {
        let refused = try #require(JSONValue(parsing: #"{"line":2,"status":409,"error":{"code":"x"}}"#))
        #expect(OutputName.of(refused, at: "task.id") == nil)
        let group = try #require(JSONValue(parsing: #"{"team":null,"total":1}"#))
        #expect(OutputName.of(group, at: "team") == nil)
        #expect(OutputName.of(group, at: "") == nil, "the whole object is no name")
    }
}
