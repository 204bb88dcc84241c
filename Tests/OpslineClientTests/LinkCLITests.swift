import Foundation
import Testing
import Workflow

/// `opsline task link` through the built executable: the link shows on both tasks.
@Suite("Linking tasks from the CLI")
struct LinkCLITests {
    @Test func aLinkShowsOnBothTasksAndGoesWithRemove() async throws {
        try await LiveServer.run { url in
            let cli = try CLIProcess(serverURL: url, token: LiveServer.adminSecret)
            let complaint = try await MemberCLITests.createComplaint(cli)
            let improvement = try await MemberCLITests.createComplaint(cli)

            let linked = try await cli.run("task", "link", improvement, "caused_by", complaint)
            #expect(linked.status == 0, "\(linked)")
            #expect(linked.stdout.hasPrefix("Linked \(improvement) caused_by \(complaint).\n"), "\(linked)")
            #expect(linked.stdout.contains("Links:\n  caused_by \(complaint)\n"), "\(linked)")
            let other = try await cli.run("task", "show", complaint)
            #expect(other.stdout.contains("Links:\n  causes \(improvement)\n"), "\(other)")

            let wrong = try await cli.run("task", "link", improvement, "causes", complaint)
            #expect(wrong.status != 0 && wrong.stderr.contains("relates_to or caused_by"), "\(wrong)")

            let removed = try await cli.run("task", "link", improvement, "caused_by", complaint, "--remove")
            #expect(removed.status == 0 && !removed.stdout.contains("Links:"), "\(removed)")
        }
    }
}
