import Foundation
import Testing
import Workflow

/// Errors that say what to do, through the built executable: a mistyped transition, a server
/// that cannot be reached, a token the server refuses at login.
@Suite("CLI errors that say what to do")
struct GuidingErrorsCLITests {
    @Test func aMistypedTransitionNamesTheNearestOneAndTheAllowedOnes() async throws {
        try await LiveServer.run { url in
            let cli = try CLIProcess(serverURL: url, token: LiveServer.adminSecret)
            let id = try await MemberCLITests.createComplaint(cli)
            let investigating = try await cli.run("task", "move", id, "investigate")
            try #require(investigating.status == 0, "\(investigating)")

            let typo = try await cli.run("task", "move", id, "resolv")
            #expect(typo.status == 5, "\(typo)")
            #expect(
                typo.stderr
                    == "error: unknown transition 'resolv'; did you mean 'resolve'? "
                    + "allowed from state 'investigating': ask_customer, resolve, request_goods (invalid_transition)\n",
                "\(typo)")

            let wrongState = try await cli.run("task", "move", id, "close")
            #expect(wrongState.status == 5, "\(wrongState)")
            #expect(wrongState.stderr.contains("(only from resolved)"), "\(wrongState)")
            #expect(
                wrongState.stderr.contains("allowed from state 'investigating': ask_customer, resolve, request_goods"))
        }
    }

    @Test func anUnreachableServerIsNamedWithHowToLogInOrSetOPSLINE_URL() async throws {
        let cli = try CLIProcess(serverURL: "http://127.0.0.1:1", token: "t")
        let result = try await cli.run("task", "list")
        #expect(result.status == 7, "\(result)")
        #expect(result.stderr.hasPrefix("error: cannot reach the Opsline server at http://127.0.0.1:1: "), "\(result)")
        #expect(result.stderr.contains("opsline login --server URL"), "\(result)")
        #expect(result.stderr.contains("OPSLINE_URL"), "\(result)")
        #expect(result.stdout.isEmpty, "\(result)")
    }

    @Test func loginWithAWrongTokenSaysTheTokenWasRefused() async throws {
        try await LiveServer.run { url in
            let cli = try CLIProcess()
            let refused = try await cli.run("login", "--server", url, "--token", "not-a-real-token")
            #expect(refused.status == 3, "\(refused)")
            #expect(
                refused.stderr.hasPrefix("error: the server at \(url) refused the token (401 unauthenticated): "),
                "\(refused)")
            #expect(refused.stderr.contains("nothing was saved"), "\(refused)")
            #expect(refused.stdout.isEmpty, "\(refused)")

            let unreachable = try await cli.run("login", "--server", "http://127.0.0.1:1", "--token", "t")
            #expect(unreachable.status == 7, "\(unreachable)")
            #expect(unreachable.stderr.contains("check the URL given to --server"), "\(unreachable)")
        }
    }
}
