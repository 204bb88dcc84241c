import Foundation
import OpslineStore
import TestSupport
import Testing
import Workflow

/// `opsline sla` and `opsline report` through the built executable: against a live server whose
/// scheduler records breaches, and `sla due --offline` with no server at all.
@Suite("opsline sla and report")
struct SLACLITests {
    @Test func breachesPrintATableNewestFirstAndFollowTheFilters() async throws {
        try await LiveSLAServer.run { server in
            let database = server.database
            let cli = try CLIProcess(serverURL: server.url, token: LiveServer.adminSecret)
            var late: [String] = []
            for title in ["Parcel lost", "Refund missing"] {
                late.append(
                    try await database.tasks.create(
                        NewTask(workflow: "sla-cli", title: title), caller: .system(), authorize: .system
                    ).id)
                await server.time.advance(by: .milliseconds(100))
            }
            var slow = NewTask(workflow: "sla-cli", title: "Quick")
            slow.fields = ["tier": "slow"]
            let quick = try await database.tasks.create(slow, caller: .system(), authorize: .system)
            _ = try await database.tasks.transition(
                TransitionRequest(taskID: quick.id, transition: "finish"), caller: .system(), authorize: .system)

            await server.time.advance(by: .seconds(2))
            var breached = TaskFilter(scope: .allTeams)
            breached.breached = true
            _ = try await server.events.value({ try await Array(database.tasks.list(breached)) }) { $0.count == 2 }
            let table = try await cli.run("sla", "breaches")
            #expect(table.status == 0, "\(table)")
            let lines = table.stdoutLines
            #expect(lines.count == 3, "\(table)")
            let header = try #require(lines.first)
            #expect(
                header.split(separator: " ", omittingEmptySubsequences: true).prefix(5) == [
                    "TASK", "POLICY", "BREACHED", "LEVEL", "CLOCK",
                ])
            #expect(lines.dropFirst().map { String($0.prefix { $0 != " " }) } == late.reversed(), "newest first")
            #expect(lines[1].contains("response") && lines[1].contains("running") && lines[1].contains("support"))
            #expect(lines[1].contains("Refund missing"), "\(table)")
            #expect(!table.stdout.contains(quick.id), "met clocks are not breaches")

            _ = try await database.tasks.transition(
                TransitionRequest(taskID: late[0], transition: "finish"), caller: .system(), authorize: .system)
            let open = try await cli.run("sla", "breaches", "--open", "-o", "ndjson")
            #expect(open.status == 0, "\(open)")
            #expect(open.stdoutLines.count == 1 && open.stdout.contains(#""task":"\#(late[1])""#), "\(open)")
            let none = try await cli.run("sla", "breaches", "--team", "billing")
            #expect(none.stdout == "No breaches found.\n", "\(none)")

            let report = try await cli.run("report", "sla", "--by", "team,policy")
            #expect(report.status == 0, "\(report)")
            #expect(report.stdoutLines.count == 2, "\(report)")
            #expect(report.stdoutLines.last?.contains("33.3%") == true, "one met of three: \(report)")

            let flow = try await cli.run("report", "flow", "sla-cli", "-o", "json")
            #expect(flow.status == 0, "\(flow)")
            #expect(flow.stdout.contains(#""state": "open""#), "\(flow)")
            let unknown = try await cli.run("report", "flow", "nope")
            #expect(unknown.status == 4, "\(unknown)")

            let atRisk = try await cli.run("sla", "at-risk", "--within", "1h")
            #expect(atRisk.status == 0 && atRisk.stdout == "No clocks at risk.\n", "\(atRisk)")
            let due = try await cli.run(
                "sla", "due", "--calendar", "support-hours", "--from", "2026-11-20T17:00:00+08:00", "--duration", "4h")
            #expect(due.status == 0, "\(due)")
            #expect(due.stdout.contains("2026-11-21T13:00:00+08:00"), "\(due)")
        }
    }

    /// The drill's clock breaches in support and its escalation hands the task to support-l2:
    /// `sla breaches --team support` lists it, with support-l2 under ESCALATED TO, and the report
    /// by team charges the breach to support.
    @Test func breachesAreListedForTheTeamThatHeldTheTaskWithWhereItWentBeside() async throws {
        try await LiveSLAServer.run { server in
            let database = server.database
            try await database.workflows.publish(
                source: SLADrill.workflow(named: "sla-drill", key: "DRL"), file: "sla-drill.yaml")
            let cli = try CLIProcess(serverURL: server.url, token: LiveServer.adminSecret)
            let task = try await database.tasks.create(
                NewTask(workflow: "sla-drill", title: "Payment page down"), caller: .system(), authorize: .system)
            await server.time.advance(by: .seconds(2))
            _ = try await server.events.value({ try await database.tasks.task(task.id) }) { $0.team == "support-l2" }

            let table = try await cli.run("sla", "breaches", "--team", "support")
            #expect(table.status == 0, "\(table)")
            let header = try #require(table.stdoutLines.first)
            #expect(header.contains("TEAM") && header.contains("ESCALATED TO"), "\(table)")
            #expect(table.stdoutLines.count == 2, "\(table)")
            let row = table.stdoutLines.last ?? ""
            #expect(row.hasPrefix(task.id) && row.contains(" support ") && row.contains("support-l2"), "\(table)")
            let ndjson = try await cli.run("sla", "breaches", "--team", "support", "-o", "ndjson")
            #expect(ndjson.stdout.contains(#""escalated_to":"support-l2""#), "\(ndjson)")
            #expect(ndjson.stdout.contains(#""breached_team":"support""#), "\(ndjson)")
            let none = try await cli.run("sla", "breaches", "--team", "support-l2")
            #expect(none.stdout == "No breaches found.\n", "\(none)")

            let report = try await cli.run("report", "sla", "--by", "team", "--workflow", "sla-drill")
            #expect(report.status == 0, "\(report)")
            #expect(report.stdoutLines.count == 2, "only support is charged: \(report)")
            #expect(report.stdoutLines.last?.hasPrefix("support ") == true, "\(report)")
        }
    }

    @Test func dueOfflineWorksItOutFromTheCalendarsFileWithoutAServer() async throws {
        let cli = try CLIProcess(serverURL: "http://127.0.0.1:1", token: nil)
        let file = LiveServer.repositoryRoot.appendingPathComponent("workflows/calendars.yaml").path
        let arguments = [
            "sla", "due", "--offline", "--calendars", file, "--calendar", "support-hours",
            "--from", "2026-11-20T17:00:00+08:00", "--duration", "4h",
        ]
        let table = try await cli.run(arguments)
        #expect(table.status == 0, "\(table)")
        #expect(
            table.stdout == """
                Calendar:        support-hours (Asia/Shanghai)
                From:            2026-11-20T09:00:00Z
                Duration:        4h of working time
                Due:             2026-11-21T05:00:00Z
                Due (calendar):  2026-11-21T13:00:00+08:00

                """, "\(table)")

        let line = try await cli.run(arguments + ["-o", "ndjson"])
        #expect(line.status == 0, "\(line)")
        let object = try JSONDecoder().decode([String: JSONValue].self, from: Data(line.stdout.utf8))
        #expect(object["due_at"] == "2026-11-21T05:00:00.000Z")
        #expect(object["duration_s"] == 14_400)
        #expect(object["calendar"] == "support-hours")

        let unknown = try await cli.run(
            "sla", "due", "--offline", "--calendars", file, "--calendar", "moon", "--duration", "4h")
        #expect(unknown.status == 4, "\(unknown)")
        #expect(unknown.stderr.contains("no calendar moon"), "\(unknown)")
        let badDuration = try await cli.run(
            "sla", "due", "--offline", "--calendars", file, "--calendar", "24x7", "--duration", "soon")
        #expect(badDuration.status == 64, "\(badDuration)")
        let missing = try await cli.run(
            "sla", "due", "--offline", "--calendars", "/nonexistent/calendars.yaml", "--calendar", "24x7",
            "--duration", "1h")
        #expect(missing.status == 1, "\(missing)")
    }

    /// A date that does not exist is a usage error naming the option, never rolled over into the
    /// next month (`2026-02-30` is not 2 March).
    @Test func anImpossibleDateIsAUsageError() async throws {
        let cli = try CLIProcess(serverURL: "http://127.0.0.1:1", token: nil)
        let file = LiveServer.repositoryRoot.appendingPathComponent("workflows/calendars.yaml").path
        for from in ["2026-02-30", "2026-02-30T09:00:00Z", "2026-11-20T24:00:00Z"] {
            let due = try await cli.run(
                "sla", "due", "--offline", "--calendars", file, "--calendar", "24x7", "--from", from, "--duration", "4h"
            )
            #expect(due.status == 64, "\(from): \(due)")
            #expect(due.stderr.contains("--from"), "\(from): \(due)")
        }
    }

    @Test func aBareFromDateMeansItsMidnightUTC() async throws {
        let cli = try CLIProcess(serverURL: "http://127.0.0.1:1", token: nil)
        let file = LiveServer.repositoryRoot.appendingPathComponent("workflows/calendars.yaml").path
        let due = try await cli.run(
            "sla", "due", "--offline", "--calendars", file, "--calendar", "24x7", "--from", "2026-11-20",
            "--duration", "1h", "-o", "ndjson")
        #expect(due.status == 0, "\(due)")
        let object = try JSONDecoder().decode([String: JSONValue].self, from: Data(due.stdout.utf8))
        #expect(object["from"] == "2026-11-20T00:00:00.000Z")
        #expect(object["due_at"] == "2026-11-20T01:00:00.000Z")
    }

    @Test func aDeadlineAfterTheYear9999IsAnErrorNotADate() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("opsline-due-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("calendars.yaml")
        try "one-minute: {timezone: UTC, hours: {sun: \"00:00-00:01\"}}\n".write(
            to: file, atomically: true, encoding: .utf8)
        let cli = try CLIProcess(serverURL: "http://127.0.0.1:1", token: nil)
        let due = try await cli.run(
            "sla", "due", "--offline", "--calendars", file.path, "--calendar", "one-minute", "--from", "2026-11-20",
            "--duration", "3650d")
        #expect(due.status == 1, "\(due)")
        #expect(due.stdout.isEmpty, "\(due)")
        #expect(
            due.stderr.contains(
                "3650d of working time on calendar one-minute has no deadline: it would fall due after "
                    + "9999-12-31T23:59:59.999Z"), "\(due)")
    }
}
