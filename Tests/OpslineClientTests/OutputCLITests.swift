import Foundation
import Testing
import Workflow

/// The gh/kubectl habits of the built executable against a live server: `-o name` for xargs,
/// `--no-headers`, tables that fit `COLUMNS`, colour only on a terminal, times in `TZ`, and
/// `watch` starting from now.
@Suite("Output habits of the CLI against a live server")
struct OutputCLITests {
    /// `opsline task list -o name | xargs -n1 opsline task show -o name` names every task again.
    @Test func nameOutputPrintsExactlyTheIdsForXargs() async throws {
        try await LiveServer.run { url in
            let cli = try CLIProcess(serverURL: url, token: LiveServer.adminSecret)
            try await ClosedPipeCLITests.seed(3, with: cli)

            let names = try await cli.run("task", "list", "-o", "name")
            #expect(names.status == 0, "\(names)")
            let listed = try await cli.run("task", "list", "-o", "ndjson")
            let ids = listed.stdoutLines.compactMap { JSONValue(parsing: $0)?["id"]?.stringValue }
            #expect(ids.count == 3)
            #expect(names.stdout == ids.map { $0 + "\n" }.joined(), "exactly the ids, one a line: \(names)")

            let piped = try await cli.shell(#""$OPSLINE" task list -o name | xargs -n1 "$OPSLINE" task show -o name"#)
            #expect(piped.status == 0, "\(piped)")
            #expect(piped.stdout == names.stdout, "\(piped)")
            let shown = try await cli.shell(#""$OPSLINE" task list -o name | head -1 | xargs "$OPSLINE" task show"#)
            #expect(shown.stdout.hasPrefix("ID:        \(ids[0])\n"), "\(shown)")

            let workflows = try await cli.run("workflow", "list", "-o", "name")
            #expect(workflows.stdoutLines.contains("complaint-escalation"), "\(workflows)")
            #expect(workflows.stdoutLines.allSatisfy { !$0.contains(" ") }, "\(workflows)")
            let tokens = try await cli.run("token", "list", "-o", "name")
            #expect(tokens.status == 0 && tokens.stdoutLines.count == 1, "\(tokens)")
            #expect(tokens.stdoutLines.allSatisfy { !$0.contains(" ") && !$0.isEmpty }, "\(tokens)")
            let secretless = try await cli.run("token", "create", "--name", "bot", "--role", "admin", "-o", "name")
            #expect(secretless.status == 64, "a token's secret must not be lost to -o name: \(secretless)")

            let path = try EventCLITests.file([EventCLITests.createLine, EventCLITests.createLine])
            defer { try? FileManager.default.removeItem(atPath: path) }
            let posted = try await cli.run("event", "post", path, "-o", "name")
            #expect(posted.status == 0, "\(posted)")
            #expect(
                posted.stdoutLines.count == 2 && posted.stdoutLines.allSatisfy { $0.hasPrefix("CMP-") }, "\(posted)")
        }
    }

    @Test func noHeadersLeavesTheHeaderLineOut() async throws {
        try await LiveServer.run { url in
            let cli = try CLIProcess(serverURL: url, token: LiveServer.adminSecret)
            try await ClosedPipeCLITests.seed(2, with: cli)
            let table = try await cli.run("task", "list")
            let bare = try await cli.run("task", "list", "--no-headers")
            #expect(table.stdoutLines.first?.hasPrefix("ID ") == true, "\(table)")
            #expect(bare.stdoutLines.count == 2 && bare.stdoutLines.allSatisfy { $0.hasPrefix("CMP-") }, "\(bare)")
            let tokens = try await cli.run("token", "list", "--no-headers")
            #expect(tokens.stdoutLines.count == 1 && !tokens.stdout.contains("LAST USED"), "\(tokens)")
        }
    }

    @Test func tablesFitCOLUMNSByCuttingTheWidestCells() async throws {
        try await LiveServer.run { url in
            let cli = try CLIProcess(serverURL: url, token: LiveServer.adminSecret)
            try await ClosedPipeCLITests.seed(2, with: cli)

            let narrow = try await cli.with(environment: ["COLUMNS": "60"]).run("task", "list")
            #expect(narrow.status == 0, "\(narrow)")
            #expect(narrow.stdoutLines.allSatisfy { $0.count <= 60 }, "\(narrow)")
            #expect(narrow.stdoutLines.dropFirst().allSatisfy { $0.contains("…") }, "\(narrow)")
            #expect(narrow.stdoutLines.dropFirst().allSatisfy { $0.hasPrefix("CMP-") }, "ids are not cut: \(narrow)")

            let file = try await cli.run("task", "list")
            #expect(file.stdoutLines.contains { $0.count > 60 }, "no terminal and no COLUMNS: nothing is cut")
            #expect(!file.stdout.contains("…"), "\(file)")
        }
    }

    /// The executable at a pseudo-terminal (util-linux `script`), so that standard output is a
    /// terminal.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")))
    func statesAreColouredOnlyOnATerminalAndNeverWithNO_COLOR() async throws {
        try await LiveServer.run { url in
            let cli = try CLIProcess(serverURL: url, token: LiveServer.adminSecret)
            try await ClosedPipeCLITests.seed(1, with: cli)
            let escape = "\u{1B}["
            let atTerminal = #"script -qec '"$OPSLINE" task list' /dev/null"#

            let coloured = try await cli.shell(atTerminal)
            #expect(coloured.status == 0, "\(coloured)")
            #expect(coloured.stdout.contains(escape + "36mreceived" + escape + "0m"), "\(coloured)")

            let noColour = try await cli.with(environment: ["NO_COLOR": "1"]).shell(atTerminal)
            #expect(noColour.stdout.contains("received") && !noColour.stdout.contains(escape), "\(noColour)")

            let json = try await cli.shell(#"script -qec '"$OPSLINE" task list -o json' /dev/null"#)
            #expect(json.stdout.contains("received") && !json.stdout.contains(escape), "\(json)")

            let piped = try await cli.run("task", "list")
            #expect(piped.stdout.contains("received") && !piped.stdout.contains(escape), "\(piped)")
        }
    }

    @Test func timesAreShownInTZOrInUTCWithTheUTCFlag() async throws {
        try await LiveServer.run { url in
            let cli = try CLIProcess(serverURL: url, token: LiveServer.adminSecret)
            try await ClosedPipeCLITests.seed(1, with: cli)
            let json = try await cli.run("task", "list", "-o", "ndjson")
            let created = try #require(JSONValue(parsing: json.stdout)?["created_at"]?.stringValue)
            let instant = try #require(RFC3339.parse(created))
            let shanghai = try #require(TimeZone(identifier: "Asia/Shanghai"))
            let local = cli.with(environment: ["TZ": "Asia/Shanghai"])

            let shown = try await local.run("task", "show", "CMP-1")
            let createdLine = shown.stdoutLines.first { $0.hasPrefix("Created:") }
            #expect(createdLine == "Created:   " + Self.time(instant, in: shanghai) + "+08:00", "\(shown)")
            let list = try await local.run("task", "list")
            #expect(list.stdoutLines.first?.contains("DUE (LOCAL)") == true, "\(list)")
            #expect(list.stdout.contains("+08:00"), "\(list)")

            let utc = try await local.run("task", "show", "CMP-1", "--utc")
            #expect(
                utc.stdoutLines.first { $0.hasPrefix("Created:") } == "Created:   "
                    + Self.time(instant, in: TimeZone(identifier: "UTC")!) + "Z")
            let utcList = try await local.run("task", "list", "--utc")
            #expect(utcList.stdoutLines.first?.contains("DUE (UTC)") == true, "\(utcList)")
            #expect(!utcList.stdout.contains("+08:00"), "\(utcList)")
            #expect(json.stdout.contains(created), "JSON keeps the server's UTC times")
        }
    }

    /// `opsline watch` without `--since` prints what happens from now on, not the history.
    @Test func watchStartsFromNowUnlessToldOtherwise() async throws {
        try await LiveServer.run { url in
            let cli = try CLIProcess(serverURL: url, token: LiveServer.adminSecret)
            try await ClosedPipeCLITests.seed(2, with: cli)
            let watch = try RunningCLI(cli, ["watch"])
            defer { watch.stop() }
            let history = try RunningCLI(cli, ["watch", "--since", "0", "-o", "name"])
            defer { history.stop() }
            try await history.waitForStdout { $0.contains("CMP-2\n") }

            // The header comes with the first heartbeat, which says where now is: from then on,
            // a new task's events must come, and only they.
            try await watch.waitForStdout { $0.hasPrefix("   SEQ  AT") }
            let created = try await MemberCLITests.createComplaint(cli)
            try await watch.waitForStdout { $0.contains(" \(created) ") }
            let tasks = Set(watch.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: " ")[2] })
            #expect(tasks == [Substring(created)], "\(watch)")
            let status = try await watch.interrupt()
            #expect(status == 0)
        }
    }

    /// `yyyy-MM-ddTHH:mm:ss` of `date` in `zone`.
    static func time(_ date: Date, in zone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02d", parts.year!, parts.month!, parts.day!, parts.hour!, parts.minute!,
            parts.second!)
    }
}
