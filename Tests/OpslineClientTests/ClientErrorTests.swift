import Testing

@testable import OpslineClient

@Suite struct ClientErrorTests {
    @Test func aFailedResponseIsReadFromItsErrorLine() {
        let error = ClientError(status: 409, body: APILines.versionConflict + "\n")
        #expect(
            error
                == .server(
                    status: 409, code: "version_conflict", message: "CMP-42 is at version 5, not 4",
                    details: ["current_version": 5]))
        #expect(error.description == "CMP-42 is at version 5, not 4 (version_conflict)")
    }

    @Test func aBodyWithoutAnErrorLineFallsBackToStatusAndText() {
        let error = ClientError(status: 502, body: "<html>Bad Gateway</html>\n")
        #expect(
            error
                == .server(
                    status: 502, code: "http_502", message: "<html>Bad Gateway</html>", details: [:]
                ))
    }

    @Test func anEmptyBodyFallsBackToTheStatus() {
        let error = ClientError(status: 503, body: "")
        #expect(error.description == "the server answered HTTP 503 (http_503)")
    }

    @Test func anErrorLineAfterOtherLinesIsFound() {
        let error = ClientError(status: 404, body: "\r\nnoise\n" + APILines.notFound)
        #expect(
            error == .server(status: 404, code: "not_found", message: "no task CMP-9", details: [:])
        )
    }
}
