import Foundation
import Testing
@testable import Workflow

/// Dates relative to a parent from the CLI, on the shipped launch readiness: `task show` of a
/// readiness item shows its due date and its `ready_by` clock, and `task edit` of the launch date
/// moves them.
@Suite("Dates relative to a parent from the CLI")
struct ParentDateCLITests {
    @Test func editingTheLaunchDateMovesTheItemsDueDates() async throws {
        try await LiveServer.run { url in
            let cli = try CLIProcess(serverURL: url, token: LiveServer.adminSecret)
            let created = try await cli.run(
                "task", "create", "launch-readiness", "--title", "Tea launch", "--field", "product=Tea",
                "--field", "launch_date=2027-03-19", "-o", "name")
            let launch = try #require(created.stdoutLines.first, "\(created)")
            let children = try await MemberCLITests.show(launch, cli).task["children"]?.arrayValue ?? []
            let first = try #require(children.first?.stringValue, "\(children)")

            let before = try await cli.run("task", "show", first)
            // Ten working days before Friday 2027-03-19 in business-hours: Friday 2027-03-05.
            #expect(before.stdout.contains("due_date") && before.stdout.contains("2027-03-05"), "\(before)")
            #expect(before.stdout.contains("ready_by"), "\(before)")

            let edited = try await cli.run("task", "edit", launch, "--field", "launch_date=2027-03-26")
            #expect(edited.status == 0, "\(edited)")
            let after = try await MemberCLITests.show(first, cli)
            #expect(after.task["fields"]?["due_date"] == "2027-03-12")
            #expect(
                after.events.last { $0["type"] == "updated" }?["data"]?["note"]?.stringValue
                    == "follows \(launch) due_date = launch_date - 10d")
        }
    }
}
