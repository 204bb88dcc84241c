import Foundation
import TestSupport
import Testing
import Workflow

/// `opsline task check` through the built executable against a live server: `task show` lists
/// the checklist with what is ticked, and the transition waiting for it goes once all is.
@Suite("Ticking a checklist from the CLI")
struct ChecklistCLITests {
    @Test func ticksShowInTheTaskAndLetTheTransitionThrough() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("opsline-check-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let definition = folder.appendingPathComponent("pricing-demo.yaml")
        try ChecklistDemo.workflow.write(to: definition, atomically: true, encoding: .utf8)

        try await LiveServer.run { url in
            let cli = try CLIProcess(serverURL: url, token: LiveServer.adminSecret)
            #expect(try await cli.run("workflow", "apply", definition.path).status == 0)
            let created = try await cli.run("task", "create", "pricing-demo", "--title", "Tea pricing", "-o", "name")
            let id = try #require(created.stdoutLines.first, "\(created)")

            let ticked = try await cli.run("task", "check", id, "cost_analysis")
            #expect(ticked.status == 0, "\(ticked)")
            #expect(ticked.stdout.hasPrefix("Ticked cost_analysis on \(id) (1/2 ticked).\n"), "\(ticked)")
            #expect(ticked.stdout.contains("Checklist (1/2 ticked in pricing):"), "\(ticked)")
            #expect(ticked.stdout.contains("[x] cost_analysis  Cost analysis signed off (by admin "), "\(ticked)")
            #expect(ticked.stdout.contains("[ ] price_range  Price range approved\n"), "\(ticked)")

            let early = try await cli.run("task", "move", id, "submit")
            #expect(early.status != 0 && early.stderr.contains("not ticked: price_range"), "\(early)")
            let unknown = try await cli.run("task", "check", id, "listings")
            #expect(unknown.status != 0 && unknown.stderr.contains("is not on the checklist"), "\(unknown)")

            #expect(try await cli.run("task", "check", id, "price_range").status == 0)
            let undone = try await cli.run("task", "check", id, "price_range", "--undo")
            #expect(undone.stdout.hasPrefix("Unticked price_range on \(id) (1/2 ticked)."), "\(undone)")
            #expect(try await cli.run("task", "check", id, "price_range").status == 0)
            #expect(try await cli.run("task", "move", id, "submit").status == 0)
        }
    }
}
