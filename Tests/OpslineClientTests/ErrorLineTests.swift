import Foundation
import Testing
import Workflow

@testable import OpslineClient

@Suite struct ErrorLineTests {
    @Test func anErrorLineKeepsItsCodeMessageAndDetails() throws {
        let error = try #require(ErrorLine(parsing: APILines.versionConflict))
        #expect(error.code == "version_conflict")
        #expect(error.message == "CMP-42 is at version 5, not 4")
        #expect(error.details == ["current_version": 5])
    }

    @Test func anErrorWithoutDetailsHasNone() throws {
        let error = try #require(ErrorLine(parsing: APILines.notFound))
        #expect(error.details.isEmpty)
    }

    @Test(arguments: [
        APILines.task, #"{"error":"nope"}"#, #"{"error":{"message":"no code"}}"#, "not json",
    ])
    func aLineThatIsNotAnErrorLineIsNotTakenForOne(line: String) {
        #expect(ErrorLine(parsing: line) == nil)
    }

    @Test func theCheapTestRecognisesErrorLinesWithWhitespace() {
        #expect(ErrorLine.mayBeErrorLine(Array(#" { "error" : {}}"#.utf8)))
        #expect(!ErrorLine.mayBeErrorLine(Array(#"{"id":"CMP-1","error":1}"#.utf8)))
        #expect(!ErrorLine.mayBeErrorLine(Array(#"{"err"#.utf8)))
    }

    @Test func encodingWritesTheServersShape() throws {
        let line = ErrorLine(
            code: "not_found", message: "no task CMP-9", details: ["task": "CMP-9"])
        let json = try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(line))
        #expect(
            json == ["error": ["code": "not_found", "message": "no task CMP-9", "task": "CMP-9"]])
    }
}
