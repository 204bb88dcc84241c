import Testing

@testable import OpslineClient

@Suite struct ExitStatusTests {
    func server(_ status: Int, _ code: String) -> ClientError {
        .server(status: status, code: code, message: "m", details: [:])
    }

    @Test(arguments: [
        (401, "unauthenticated", Int32(3)), (403, "forbidden", 3), (404, "not_found", 4),
        (409, "invalid_transition", 5), (409, "version_conflict", 5), (409, "duplicate", 5),
        (422, "validation_failed", 6), (422, "guard_failed", 6), (422, "invalid_workflow", 6),
        (503, "unavailable", 7),
        (500, "internal", 7), (400, "bad_request", 1), (413, "too_large", 1),
        (415, "unsupported_media_type", 1),
    ])
    func serverErrorsMapToTheDocumentedExitCodes(status: Int, code: String, exitCode: Int32) {
        #expect(ExitStatus(for: server(status, code)).code == exitCode)
    }

    @Test func anErrorLineMidStreamMapsByItsCode() {
        #expect(ExitStatus(for: server(200, "unavailable")).code == ExitStatus.unavailable)
    }

    @Test func anUnknownCodeMapsByItsStatus() {
        #expect(ExitStatus(for: server(404, "http_404")).code == ExitStatus.notFound)
        #expect(ExitStatus(for: server(502, "http_502")).code == ExitStatus.unavailable)
    }

    @Test func anUnreachableServerIsUnavailable() {
        let status = ExitStatus(
            for: ClientError.connection(
                "cannot reach the Opsline server at http://x: connection refused"))
        #expect(status.code == 7)
        #expect(
            status.message
                == "error: cannot reach the Opsline server at http://x: connection refused\n"
                + ExitStatus.connectionHint)
        #expect(ExitStatus.connectionHint.contains("opsline login --server URL"))
        #expect(ExitStatus.connectionHint.contains("OPSLINE_URL"))
    }

    @Test func otherFailuresExitWithOne() {
        #expect(ExitStatus(for: ClientError.badResponse("x")).code == 1)
        #expect(ExitStatus(for: ConfigurationError("bad file")).code == 1)
        #expect(ExitStatus(for: CancellationError()).code == 1)
    }

    @Test func aMalformedFieldIsAUsageError() {
        #expect(ExitStatus(for: FieldAssignmentError(argument: "x", reason: "r")).code == 64)
    }

    @Test func theMessageNamesTheServersMessageAndCodeThenTheDetails() {
        let error = ClientError.server(
            status: 409, code: "version_conflict", message: "CMP-42 changed",
            details: ["current_version": 5])
        #expect(
            ExitStatus(for: error).message
                == "error: CMP-42 changed (version_conflict)\n  current_version: 5")
    }

    @Test func aRefusedTransitionSaysWhatIsAllowedOnceNotTwice() {
        let error = ClientError.server(
            status: 409, code: "invalid_transition",
            message: "unknown transition 'resolv'; did you mean 'resolve'? allowed from state 'investigating': resolve",
            details: ["state": "investigating", "allowed": ["resolve"], "suggestion": "resolve"])
        #expect(
            ExitStatus(for: error).message
                == "error: unknown transition 'resolv'; did you mean 'resolve'? "
                + "allowed from state 'investigating': resolve (invalid_transition)")
    }

    @Test func anUnauthenticatedErrorSaysHowToPassAToken() {
        #expect(ExitStatus(for: server(401, "unauthenticated")).message.contains("OPSLINE_TOKEN"))
    }

    @Test func theHelpTextListsEveryCode() {
        for code in [0, 1, 3, 4, 5, 6, 7, 64] {
            #expect(ExitStatus.helpText.contains("\n  \(code) "))
        }
    }
}
