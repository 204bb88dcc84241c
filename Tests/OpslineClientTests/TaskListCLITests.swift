import Foundation
import Testing
import Workflow

/// A member's day through the built `opsline` executable against a live server: `task list`
/// with people's defaults and filters, `opsline mine`, `opsline next`, and the manager's
/// `opsline report workload`.
@Suite("opsline mine, next, task list filters and report workload")
struct TaskListCLITests {
    /// A complaint create line for `opsline event post`.
    static func complaint(_ title: String, severity: String = "p3", assignee: String? = nil) -> String {
        let assigned = assignee.map { #","assignee":"\#($0)""# } ?? ""
        return
            #"{"op":"create","workflow":"complaint-escalation","title":"\#(title)","fields":{"customer":"ACME","severity":"\#(severity)"}\#(assigned)}"#
    }

    /// Posts create lines as the admin and fails unless every line was applied.
    static func post(_ lines: [String], with admin: CLIProcess) async throws {
        let path = try EventCLITests.file(lines)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let posted = try await admin.run("event", "post", path, "-o", "ndjson")
        try #require(posted.status == 0, "\(posted)")
    }

    /// The task ids of an NDJSON list, in order.
    static func ids(_ result: CLIProcess.Result) -> [String] {
        result.stdoutLines.compactMap { JSONValue(parsing: $0)?["id"]?.stringValue }
    }

    @Test func aMemberListsTheirWorkSearchesAndTakesTheNextTask() async throws {
        try await LiveServer.run { url in
            let admin = try CLIProcess(serverURL: url, token: LiveServer.adminSecret)
            let alice = try await admin.person("alice")
            let bob = try await admin.person("bob")
            try await Self.post(
                [
                    Self.complaint("Refund not received", assignee: "alice"),
                    Self.complaint("Parcel lost", severity: "p1", assignee: "alice"),
                    Self.complaint("Printer jammed", assignee: "bob"),
                    Self.complaint("Wrong colour delivered"),
                    Self.complaint("Damaged box", severity: "p1"),
                ], with: admin)

            let mine = try await alice.run("task", "list", "--mine", "-o", "ndjson")
            #expect(mine.status == 0, "\(mine)")
            #expect(Self.ids(mine) == ["CMP-1", "CMP-2"], "\(mine)")
            let search = try await alice.run("task", "list", "--search", "refund", "-o", "ndjson")
            #expect(Self.ids(search) == ["CMP-1"], "\(search)")
            let field = try await admin.run("task", "list", "--field", "severity=p1", "--unassigned", "-o", "ndjson")
            #expect(Self.ids(field) == ["CMP-5"], "\(field)")
            // A field's order, largest first: the value may start with "-".
            let bySeverity = try await admin.run("task", "list", "--sort", "-field.severity", "-o", "ndjson")
            #expect(Self.ids(bySeverity) == ["CMP-1", "CMP-3", "CMP-4", "CMP-2", "CMP-5"], "p3 first: \(bySeverity)")
            let ascending = try await admin.run("task", "list", "--sort=field.severity", "--limit", "2", "-o", "ndjson")
            #expect(Self.ids(ascending) == ["CMP-2", "CMP-5"], "\(ascending)")
            let unordered = try await admin.run("task", "list", "--sort", "field.nope")
            #expect(unordered.status != 0 && unordered.stderr.contains("nope"), "\(unordered)")

            let table = try await alice.run("mine")
            #expect(table.status == 0, "\(table)")
            #expect(table.stdoutLines.first?.hasPrefix("ID") == true, "\(table)")
            #expect(
                table.stdoutLines.dropFirst().map { $0.prefix(5) } == ["CMP-2", "CMP-1"], "most urgent first: \(table)")
            let mineJSON = try await alice.run("mine", "-o", "ndjson")
            #expect(Self.ids(mineJSON) == ["CMP-2", "CMP-1"], "\(mineJSON)")

            let taken = try await bob.run("next")
            #expect(taken.status == 0, "\(taken)")
            #expect(taken.stdout.contains("CMP-5") && taken.stdout.contains("bob"), "the p1 first: \(taken)")
            let second = try await bob.run("next", "-o", "ndjson")
            #expect(JSONValue(parsing: second.stdout)?["id"]?.stringValue == "CMP-4", "\(second)")
            let none = try await bob.run("next")
            #expect(none.status == 4, "\(none)")
            #expect(none.stdout.isEmpty && none.stderr.contains("nothing to take"), "\(none)")
            let bobs = try await bob.run("mine", "-o", "ndjson")
            #expect(Self.ids(bobs) == ["CMP-5", "CMP-3", "CMP-4"], "\(bobs)")

            let workload = try await admin.run("report", "workload", "--team", "support")
            #expect(workload.status == 0, "\(workload)")
            let rows = workload.stdoutLines.map { $0.split(separator: " ", omittingEmptySubsequences: true) }
            #expect(rows.first?.prefix(4) == ["TEAM", "USER", "OPEN", "AT"], "\(workload)")
            #expect(
                rows.dropFirst().map { $0.prefix(3) } == [
                    ["support", "alice", "2"], ["support", "bob", "3"], ["support", "(unassigned)", "0"],
                ], "\(workload)")
            let lines = try await admin.run("report", "workload", "-o", "ndjson")
            #expect(lines.stdoutLines.count == 3, "\(lines)")
        }
    }

    /// A person's table without filters: the open tasks of their teams, most urgent first, 50
    /// at most, and how many more there are; scripts (`-o ndjson`) get every task, as before.
    @Test func aPersonsDefaultListShowsFiftyOpenTasksMostUrgentFirstAndSaysHowManyMore() async throws {
        try await LiveServer.run { url in
            let admin = try CLIProcess(serverURL: url, token: LiveServer.adminSecret)
            let alice = try await admin.person("alice")
            var lines = (1...54).map { Self.complaint("Complaint \($0)") }
            lines.append(Self.complaint("Urgent one", severity: "p1"))
            try await Self.post(lines, with: admin)

            let table = try await alice.run("task", "list")
            #expect(table.status == 0, "\(table)")
            let rows = table.stdoutLines
            #expect(rows.count == 52, "a header, 50 tasks and the hint: \(table)")
            #expect(rows[1].hasPrefix("CMP-55"), "the p1 first: \(table)")
            #expect(rows.last == "5 more: use --limit or --all", "\(table)")

            let all = try await alice.run("task", "list", "--all")
            #expect(all.stdoutLines.count == 56, "\(all)")
            let limited = try await alice.run("task", "list", "--limit", "10")
            #expect(limited.stdoutLines.last == "45 more: use --limit or --all", "\(limited)")
            let script = try await alice.run("task", "list", "-o", "ndjson")
            #expect(Self.ids(script).count == 55 && Self.ids(script).first == "CMP-1", "\(script)")
            let admins = try await admin.run("task", "list")
            #expect(admins.stdoutLines.count == 56, "an admin's table is every task: \(admins)")
        }
    }
}
