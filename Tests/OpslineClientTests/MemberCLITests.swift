import Foundation
import Testing
import Workflow

/// The commands a team member lives in — edit, assign, take, unassign, comment, create under a
/// parent — through the built executable against a live server: each change shows in `task show`
/// and in the task's history.
@Suite("A member's task commands against a live server")
struct MemberCLITests {
    /// Creates a complaint and returns its id, read with `-o name`.
    static func createComplaint(_ cli: CLIProcess, _ extra: String...) async throws -> String {
        let created = try await cli.run(
            [
                "task", "create", "complaint-escalation", "--title", "Refund not received", "--field", "customer=ACME",
                "-o", "name",
            ] + extra)
        try #require(created.status == 0, "\(created)")
        try #require(created.stdoutLines.count == 1, "-o name prints the id alone: \(created)")
        return created.stdoutLines[0]
    }

    /// The task and its history, as `task show -o json` prints them.
    static func show(_ id: String, _ cli: CLIProcess) async throws -> (task: JSONValue, events: [JSONValue]) {
        let shown = try await cli.run("task", "show", id, "-o", "json")
        try #require(shown.status == 0, "\(shown)")
        let document = try #require(JSONValue(parsing: shown.stdout), "\(shown)")
        var events: [JSONValue] = []
        if case .array(let lines)? = document["events"] { events = lines }
        #expect(!events.isEmpty, "\(shown)")
        return (try #require(document["task"]), events)
    }

    @Test func anEditChangesFieldsTitleAndPriorityAndIsAnUpdatedEvent() async throws {
        try await LiveServer.run { url in
            let cli = try CLIProcess(serverURL: url, token: LiveServer.adminSecret)
            let id = try await Self.createComplaint(cli)

            let edited = try await cli.run(
                "task", "edit", id, "--field", "customer=Globex", "--field", "satisfaction=4", "--title",
                "Refund still missing", "--priority", "p1")
            #expect(edited.status == 0, "\(edited)")
            #expect(edited.stdout.hasPrefix("Updated \(id).\n"), "\(edited)")

            let (task, events) = try await Self.show(id, cli)
            #expect(task["title"] == "Refund still missing")
            #expect(task["priority"] == "p1")
            #expect(task["fields"]?["customer"] == "Globex")
            #expect(task["fields"]?["satisfaction"] == 4, "a number, read as JSON")
            let updated = try #require(events.last { $0["type"] == "updated" }, "\(events)")
            #expect(updated["data"]?["fields"]?["customer"] == "Globex", "\(updated)")

            let nothing = try await cli.run("task", "edit", id)
            #expect(nothing.status == 64, "nothing to change is a usage error: \(nothing)")

            let stale = try await cli.run("task", "edit", id, "--title", "x", "--expected-version", "1")
            #expect(stale.status == 5, "\(stale)")
            #expect(stale.stderr.contains("version_conflict"), "\(stale)")

            let json = try await cli.run("task", "edit", id, "--field", "order_id=A-1", "-o", "ndjson")
            #expect(JSONValue(parsing: json.stdout)?["fields"]?["order_id"] == "A-1", "\(json)")
        }
    }

    @Test func assignTakeAndUnassignEachShowAsTheAssigneeAndAnAssignedEvent() async throws {
        try await LiveServer.run { url in
            let admin = try CLIProcess(serverURL: url, token: LiveServer.adminSecret)
            let alice = try await admin.person("alice")
            for name in ["bob", "carol"] { _ = try await admin.person(name) }
            let id = try await Self.createComplaint(admin)

            let assigned = try await admin.run("task", "assign", id, "bob")
            #expect(assigned.status == 0, "\(assigned)")
            #expect(assigned.stdout.hasPrefix("Assigned \(id) to bob.\n"), "\(assigned)")
            let bobs = try await Self.show(id, admin).task
            #expect(bobs["assignee"] == "bob")

            let unassigned = try await admin.run("task", "unassign", id, "-o", "name")
            #expect(unassigned.status == 0 && unassigned.stdout == "\(id)\n", "\(unassigned)")
            let nobodys = try await Self.show(id, admin).task
            #expect(nobodys["assignee"] == .null)

            let taken = try await alice.run("task", "take", id)
            #expect(taken.status == 0, "\(taken)")
            #expect(taken.stdout.hasPrefix("You (alice) took \(id).\n"), "\(taken)")

            let (task, events) = try await Self.show(id, admin)
            #expect(task["assignee"] == "alice")
            let moves = events.filter { $0["type"] == "assigned" }
                .map { [$0["actor"]?.stringValue ?? "-", $0["data"]?["assignee"]?["to"]?.stringValue ?? "-"] }
            #expect(moves == [["admin", "bob"], ["admin", "-"], ["alice", "alice"]], "\(events)")

            let reassign = try await alice.run("task", "assign", id, "carol")
            #expect(reassign.status == 3, "a member may take a task, not hand it to others: \(reassign)")
        }
    }

    @Test func aCommentComesFromTheArgumentStandardInputOrTheEditor() async throws {
        try await LiveServer.run { url in
            var cli = try CLIProcess(serverURL: url, token: LiveServer.adminSecret)
            let id = try await Self.createComplaint(cli)

            let argument = try await cli.run("task", "comment", id, "Called the customer")
            #expect(argument.status == 0, "\(argument)")
            #expect(argument.stdout.hasPrefix("Commented on \(id).\n"), "\(argument)")

            cli.input = "Courier says the parcel is in Hangzhou\n"
            let piped = try await cli.run("task", "comment", id, "-")
            #expect(piped.status == 0, "\(piped)")

            // The editor: a script that writes the comment below the instructions, as a person would.
            let editor = try Self.script(
                #"printf 'Refund approved by finance\n# a note to self\n' >> "$1""#)
            defer { try? FileManager.default.removeItem(atPath: editor) }
            cli.input = nil
            let edited = try await cli.with(environment: ["EDITOR": editor]).run("task", "comment", id, "--edit")
            #expect(edited.status == 0, "\(edited)")

            let texts = try await Self.show(id, cli).events.filter { $0["type"] == "commented" }
                .map { $0["data"]?["text"]?.stringValue }
            #expect(
                texts == [
                    "Called the customer", "Courier says the parcel is in Hangzhou", "Refund approved by finance",
                ],
                "the lines starting with # are left out")
            let shown = try await cli.run("task", "show", id)
            #expect(shown.stdout.contains("Refund approved by finance"), "\(shown)")
        }
    }

    @Test func anEmptyCommentPostsNothing() async throws {
        try await LiveServer.run { url in
            var cli = try CLIProcess(serverURL: url, token: LiveServer.adminSecret)
            let id = try await Self.createComplaint(cli)
            let quitter = try Self.script("true")  // leaves only the instructions
            defer { try? FileManager.default.removeItem(atPath: quitter) }
            let abandoned = try await cli.with(environment: ["VISUAL": quitter]).run("task", "comment", id, "-e")
            #expect(abandoned.status == 1, "\(abandoned)")
            #expect(abandoned.stderr == "error: the comment is empty; nothing was posted\n", "\(abandoned)")

            cli.input = "  \n"
            let blank = try await cli.run("task", "comment", id, "-")
            #expect(blank.status == 1, "\(blank)")

            cli.input = nil
            let none = try await cli.run("task", "comment", id)
            #expect(none.status == 1, "no text and no terminal: \(none)")
            #expect(none.stderr.contains("'-' to read it from standard input"), "\(none)")

            let events = try await Self.show(id, cli).events
            #expect(!events.contains { $0["type"] == "commented" }, "\(events)")
        }
    }

    @Test func aTaskCreatedUnderAParentIsListedAsItsChild() async throws {
        try await LiveServer.run { url in
            let cli = try CLIProcess(serverURL: url, token: LiveServer.adminSecret)
            let parent = try await Self.createComplaint(cli)
            let child = try await Self.createComplaint(cli, "--parent", parent)
            let shownChild = try await Self.show(child, cli).task
            #expect(shownChild["parent"]?.stringValue == parent)
            let shown = try await cli.run("task", "show", parent)
            #expect(shown.stdout.contains("Children:\n  \(child)\n"), "\(shown)")
        }
    }

    /// An executable shell script running `body`, for `$EDITOR`.
    static func script(_ body: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("editor-\(UUID().uuidString).sh").path
        try Data("#!/bin/sh\n\(body)\n".utf8).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        return path
    }
}
