import Foundation
import OpslineStore
import TestSupport
import Testing
import Workflow

/// `opsline workflow schedules` through the built executable against a live server whose
/// scheduler runs on the test's time: a workflow applied with a schedule lists it with its next
/// occurrence, and once time reaches it the task is there.
@Suite("Schedules from the CLI")
struct ScheduleCLITests {
    static let workflow = """
        workflow: minute-check
        key: MIN
        team: support
        states:
          open: {initial: true}
          done: {final: true}
        transitions:
          finish: {from: open, to: done}
        schedules:
          every-minute:
            cron: "* * * * *"
            title: "Check {date}"
          monthly:
            every: month 1 09:00
            skip_holidays: true
            title: Monthly
        """

    @Test func schedulesAreListedAndTheirTasksCreatedWhenTimeComes() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("opsline-schedule-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let definition = folder.appendingPathComponent("minute-check.yaml")
        try Self.workflow.write(to: definition, atomically: true, encoding: .utf8)

        try await LiveSLAServer.run { server in
            let cli = try CLIProcess(serverURL: server.url, token: LiveServer.adminSecret)
            #expect(try await cli.run("workflow", "apply", definition.path).status == 0)
            let table = try await cli.run("workflow", "schedules", "minute-check")
            #expect(table.status == 0, "\(table)")
            let header = try #require(table.stdoutLines.first)
            #expect(
                header.split(separator: " ").map(String.init) == [
                    "WORKFLOW", "SCHEDULE", "WHEN", "CALENDAR", "TEAM", "NEXT", "TITLE",
                ])
            #expect(table.stdoutLines.count == 3, "\(table)")
            #expect(table.stdoutLines[1].hasPrefix("minute-check  every-minute  cron * * * * *"), "\(table)")
            #expect(table.stdoutLines[2].contains("every month 1 09:00, skip days off  24x7"), "\(table)")

            let lines = try await cli.run("workflow", "schedules", "-o", "ndjson")
            let next = try #require(
                lines.stdoutLines.compactMap { try? JSONValue.parse($0) }.first { $0["schedule"] == "every-minute" }?[
                    "next_at"]?.stringValue.flatMap(RFC3339.parse), "\(lines)")
            #expect(next > server.time.now && next <= server.time.now.addingTimeInterval(60))

            await server.time.advance(by: .seconds(60))
            var filter = TaskFilter(scope: .allTeams)
            filter.workflow = "minute-check"
            _ = try await server.events.value({ try await Array(server.database.tasks.list(filter)) }) { !$0.isEmpty }
            let listed = try await cli.run("task", "list", "--workflow", "minute-check", "-o", "ndjson")
            #expect(listed.stdoutLines.count == 1, "\(listed)")
            #expect(listed.stdout.contains(#""title":"Check "#), "\(listed)")

            let unknown = try await cli.run("workflow", "schedules", "nope")
            #expect(unknown.status != 0 && unknown.stderr.contains("no workflow nope"), "\(unknown)")
        }
    }
}
