import Foundation
import Testing

@testable import Workflow

/// `opsline report breakdown` through the built executable against a live server.
@Suite("Breakdown reports from the CLI")
struct BreakdownCLITests {
    @Test func complaintsByCategoryAndChannelPrintAsATable() async throws {
        try await LiveServer.run { url in
            let cli = try CLIProcess(serverURL: url, token: LiveServer.adminSecret)
            for (channel, category) in [("phone", "delivery"), ("phone", "delivery"), ("chat", "refund")] {
                _ = try await MemberCLITests.createComplaint(
                    cli, "--field", "channel=\(channel)", "--field", "category=\(category)")
            }
            let table = try await cli.run(
                "report", "breakdown", "complaint-escalation", "--by", "category,channel", "--measure", "satisfaction")
            #expect(table.status == 0, "\(table)")
            #expect(
                table.stdoutLines.first?.split(separator: " ").map(String.init) == [
                    "CATEGORY", "CHANNEL", "TASKS", "OPEN", "AVG", "satisfaction",
                ])
            #expect(
                table.stdoutLines.dropFirst().map { $0.split(separator: " ").map(String.init) } == [
                    ["delivery", "phone", "2", "2", "-"], ["refund", "chat", "1", "1", "-"],
                ])

            let lines = try await cli.run(
                "report", "breakdown", "complaint-escalation", "--by", "channel", "-o", "ndjson")
            #expect(lines.stdoutLines.count == 2, "\(lines)")
            #expect(lines.stdout.contains(#""group":{"channel":"phone"}"#), "\(lines)")

            let bad = try await cli.run("report", "breakdown", "complaint-escalation", "--by", "resolution")
            #expect(bad.status != 0 && bad.stderr.contains("'resolution' is a text field"), "\(bad)")
        }
    }
}
