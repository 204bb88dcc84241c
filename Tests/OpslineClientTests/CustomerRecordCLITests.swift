import Foundation
import Testing
@testable import Workflow

/// A customer on file from the CLI: `task create customer` files the record, a complaint
/// created for that customer takes its tier, and `task list --field customer=…` is the
/// customer's history.
@Suite("Customer records from the CLI")
struct CustomerRecordCLITests {
    @Test func aComplaintForACustomerOnFileTakesTheirTier() async throws {
        try await LiveServer.run { url in
            let cli = try CLIProcess(serverURL: url, token: LiveServer.adminSecret)
            let record = try await cli.run(
                "task", "create", "customer", "--title", "李雷", "--field", "customer=李雷", "--field", "tier=vip",
                "-o", "name")
            #expect(record.stdoutLines == ["CUS-1"], "\(record)")
            for title in ["Strap broke", "Late refund"] {
                let created = try await cli.run(
                    "task", "create", "complaint-escalation", "--title", title, "--field", "customer=李雷",
                    "--field", "severity=p2", "-o", "name")
                #expect(created.status == 0, "\(created)")
            }
            let shown = try await MemberCLITests.show("CMP-1", cli)
            #expect(shown.task["fields"]?["tier"] == "vip", "\(shown.task)")

            let history = try await cli.run(
                "task", "list", "--workflow", "complaint-escalation", "--field", "customer=李雷", "-o", "ndjson")
            #expect(
                history.stdoutLines.compactMap { JSONValue(parsing: $0)?["id"]?.stringValue } == ["CMP-1", "CMP-2"])
            let table = try await cli.run("task", "show", "CMP-2")
            #expect(table.stdout.contains("tier") && table.stdout.contains("vip"), "\(table)")
        }
    }
}
