import Foundation
import Testing
import Workflow

/// The README's tour, end to end: the built `opsline` executable, run as a child process, against
/// a real server listening on an ephemeral port over a fresh database.
@Suite("The opsline CLI against a live server")
struct CLITourTests {
    @Test func aComplaintIsCreatedMovedToInvestigatingAndShownThroughTheCLI() async throws {
        try await LiveServer.run { url in
            let cli = try CLIProcess(serverURL: url, token: LiveServer.adminSecret)

            let created = try await cli.run(
                "task", "create", "complaint-escalation", "--title", "Refund not received",
                "--field", "customer=ACME", "--field", "severity=p1", "-o", "json")
            try #require(created.status == 0, "\(created)")
            let task = try #require(Self.object(created.stdout), "\(created)")
            let id = try #require(task["id"]?.string, "\(created)")
            #expect(id.hasPrefix("CMP-") && Int(id.dropFirst(4)) != nil, "\(created)")
            #expect(task["state"] == "received")
            #expect(task["title"] == "Refund not received")
            #expect(task["fields"]?["customer"] == "ACME")
            #expect(task["fields"]?["severity"] == "p1")

            let acknowledged = try await cli.run("task", "move", id, "acknowledge")
            #expect(acknowledged.status == 0, "\(acknowledged)")
            #expect(acknowledged.stdout.contains("acknowledged"), "\(acknowledged)")

            let investigating = try await cli.run(
                "task", "move", id, "investigate", "--note", "calling the courier")
            #expect(investigating.status == 0, "\(investigating)")
            #expect(investigating.stdout.contains("investigating"), "\(investigating)")

            let shown = try await cli.run("task", "show", id)
            #expect(shown.status == 0, "\(shown)")
            let stateLine = shown.stdoutLines.first { $0.hasPrefix("State:") }
            #expect(stateLine?.contains("investigating") == true, "\(shown)")
            #expect(shown.stdout.contains("calling the courier"), "\(shown)")

            let listed = try await cli.run("task", "list", "-o", "ndjson")
            #expect(listed.status == 0, "\(listed)")
            let tasks = listed.stdoutLines.map(Self.object)
            #expect(!tasks.isEmpty && tasks.allSatisfy { $0 != nil }, "\(listed)")
            #expect(tasks.contains { $0?["id"]?.string == id }, "\(listed)")

            let history = try await cli.run("task", "show", id, "-o", "ndjson")
            #expect(history.status == 0, "\(history)")
            let lines = history.stdoutLines.map(Self.object)
            #expect(lines.count >= 2 && lines.allSatisfy { $0 != nil }, "\(history)")
            #expect(lines.first??["id"]?.string == id, "the task line comes first")
            #expect(lines.first??["state"] == "investigating")
            let events = lines.dropFirst().compactMap { $0 }
            #expect(events.allSatisfy { $0["task"]?.string == id }, "\(history)")
            #expect(events.contains { $0["data"]?["note"] == "calling the courier" }, "\(history)")
        }
    }

    @Test func refusedRequestsEndWithTheirOwnExitCodes() async throws {
        try await LiveServer.run { url in
            let cli = try CLIProcess(serverURL: url, token: LiveServer.adminSecret)
            let created = try await cli.run(
                "task", "create", "complaint-escalation", "--title", "Refund not received",
                "--field", "customer=ACME", "-o", "json")
            try #require(created.status == 0, "\(created)")
            let id = try #require(Self.object(created.stdout)?["id"]?.string, "\(created)")
            let moved = try await cli.run("task", "move", id, "investigate")
            try #require(moved.status == 0, "\(moved)")

            let close = try await cli.run("task", "move", id, "close")
            #expect(close.status == 5, "\(close)")
            #expect(close.stderr.contains("invalid_transition"), "\(close)")

            let resolve = try await cli.run("task", "move", id, "resolve")
            #expect(resolve.status == 6, "\(resolve)")
            #expect(resolve.stderr.contains("guard_failed"), "\(resolve)")

            let unchanged = try await cli.run("task", "show", id, "-o", "ndjson")
            #expect(Self.object(unchanged.stdoutLines.first ?? "")?["state"] == "investigating")

            let missing = try await cli.run("task", "show", "CMP-999")
            #expect(missing.status == 4, "\(missing)")
            #expect(missing.stderr.contains("not_found"), "\(missing)")

            let stranger = try await cli.with(token: "not-a-real-token").run("task", "list")
            #expect(stranger.status == 3, "\(stranger)")
            #expect(stranger.stderr.contains("unauthenticated"), "\(stranger)")
        }
    }

    /// An argument cannot hold a NUL byte, but a `--field` value read as JSON can (`"\u0000"`):
    /// the server refuses it, and the user reads which field and why.
    @Test func aNULInAFieldValueIsRefusedNamingTheField() async throws {
        try await LiveServer.run { url in
            let cli = try CLIProcess(serverURL: url, token: LiveServer.adminSecret)
            let created = try await cli.run(
                "task", "create", "complaint-escalation", "--title", "Refund not received",
                "--field", #"customer="ACME\u0000HIDDEN""#)
            #expect(created.status == 6, "\(created)")
            #expect(created.stderr.contains("validation_failed"), "\(created)")
            #expect(created.stderr.contains("customer: must not contain NUL"), "\(created)")
            let listed = try await cli.run("task", "list", "-o", "ndjson")
            #expect(listed.stdout.isEmpty, "\(listed)")
        }
    }

    @Test func aFieldWithoutAnEqualsSignIsAUsageErrorBeforeAnyRequest() async throws {
        // A closed port: were a request sent, the exit code would be 7, not 64.
        let cli = try CLIProcess(serverURL: "http://127.0.0.1:1", token: LiveServer.adminSecret)
        let result = try await cli.run(
            "task", "create", "complaint-escalation", "--title", "Refund not received",
            "--field", "customer")
        #expect(result.status == 64, "\(result)")
        #expect(result.stderr.contains("customer"), "\(result)")
        #expect(result.stdout.isEmpty, "\(result)")
    }

    @Test func anUnreachableServerEndsWithExitCodeSeven() async throws {
        let cli = try CLIProcess(serverURL: "http://127.0.0.1:1", token: LiveServer.adminSecret)
        let result = try await cli.run("task", "list", "-o", "ndjson")
        #expect(result.status == 7, "\(result)")
        #expect(result.stderr.contains("http://127.0.0.1:1"), "\(result)")
        #expect(result.stdout.isEmpty, "\(result)")
    }

    /// `text` as a JSON object, or `nil` when it is not one.
    private static func object(_ text: String) -> [String: JSONValue]? {
        try? JSONDecoder().decode([String: JSONValue].self, from: Data(text.utf8))
    }
}

extension JSONValue {
    /// The member `key` of an object; `nil` for other values.
    fileprivate subscript(key: String) -> JSONValue? {
        if case .object(let object) = self { return object[key] }
        return nil
    }

    /// The text of a string; `nil` for other values.
    fileprivate var string: String? {
        if case .string(let value) = self { return value }
        return nil
    }
}
