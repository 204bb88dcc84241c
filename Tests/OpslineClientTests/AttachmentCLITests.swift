import Foundation
import TestSupport
import Testing
import Workflow

/// `opsline task attach` and `opsline task download` through the built executable against a live
/// server: a readiness-style item cannot finish until its evidence is attached, and the file
/// comes back byte for byte.
@Suite("Attaching files from the CLI")
struct AttachmentCLITests {

    @Test func aFileAttachedIntoTheRequiredFieldLetsTheTaskFinishAndDownloadsUnchanged() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("opsline-attach-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let definition = folder.appendingPathComponent("evidence-demo.yaml")
        try EvidenceDemo.workflow.write(to: definition, atomically: true, encoding: .utf8)
        // A PDF of 300 KiB, every byte value in it.
        let report = folder.appendingPathComponent("qa-report.pdf")
        let bytes = Array("%PDF-1.4\n".utf8) + (0..<300 * 1024).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ $0 >> 9) }
        try Data(bytes).write(to: report)

        try await LiveServer.run { url in
            let cli = try CLIProcess(serverURL: url, token: LiveServer.adminSecret)
            #expect(try await cli.run("workflow", "apply", definition.path).status == 0)
            let created = try await cli.run("task", "create", "evidence-demo", "--title", "Launch QA", "-o", "name")
            let id = try #require(created.stdoutLines.first, "\(created)")
            let early = try await cli.run("task", "move", id, "finish")
            #expect(early.status != 0 && early.stderr.contains("evidence"), "\(early)")

            let attached = try await cli.run("task", "attach", id, report.path, "--field", "evidence")
            #expect(attached.status == 0, "\(attached)")
            #expect(attached.stdout.hasPrefix("Attached qa-report.pdf to \(id).\n"), "\(attached)")
            #expect(attached.stdout.contains("Attachments:") && attached.stdout.contains("300 KiB"), "\(attached)")

            let shown = try await cli.run("task", "show", id, "-o", "json")
            let task = try #require(JSONValue(parsing: shown.stdout)?["task"], "\(shown)")
            guard case .array(let files)? = task["attachments"], let file = files.first else {
                Issue.record("no attachments: \(shown)")
                return
            }
            let attachment = try #require(file["id"]?.stringValue)
            #expect(file["content_type"] == "application/pdf")
            #expect(task["fields"]?["evidence"]?.stringValue == attachment)
            #expect(try await cli.run("task", "move", id, "finish").status == 0)

            let copy = folder.appendingPathComponent("copy.pdf")
            let downloaded = try await cli.run("task", "download", id, attachment, "-O", copy.path)
            #expect(downloaded.status == 0, "\(downloaded)")
            #expect(try Data(contentsOf: copy) == Data(bytes), "the same bytes")
            let again = try await cli.run("task", "download", id, attachment, "-O", copy.path)
            #expect(again.status == 1 && again.stderr.contains("exists"), "never overwrites: \(again)")

            let unknownType = folder.appendingPathComponent("notes.xyz")
            try Data("notes".utf8).write(to: unknownType)
            let refused = try await cli.run("task", "attach", id, unknownType.path)
            #expect(refused.status == 64 && refused.stderr.contains("--type"), "\(refused)")
            let typed = try await cli.run("task", "attach", id, unknownType.path, "--type", "text/plain")
            #expect(typed.status == 0, "\(typed)")
        }
    }
}
