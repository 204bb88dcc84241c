import Foundation
import Testing
import Workflow

/// `opsline workflow list|show|apply|graph` end to end through the built executable against a
/// live server.
@Suite("opsline workflow against a live server")
struct WorkflowCLITests {
    static let desk = """
        workflow: cli-desk
        title: CLI desk
        key: CLD
        team: support
        fields:
          answer: {type: text}
        states:
          open:     {initial: true}
          answered: {}
          closed:   {final: true}
        transitions:
          answer: {from: open, to: answered, require: [answer]}
          close:  {from: answered, to: closed}
        timers:
          - {in: answered, after: 5d, fire: close}
        """

    /// Runs `body` with a fresh folder that is removed afterwards.
    private func withFolder<Value>(_ body: (URL) async throws -> Value) async throws -> Value {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("opsline-apply-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        return try await body(folder)
    }

    @Test func applyPublishesAVersionOnlyWhenTheFileChanged() async throws {
        try await withFolder { folder in
            let file = folder.appendingPathComponent("cli-desk.yaml")
            try Self.desk.write(to: file, atomically: true, encoding: .utf8)
            try await LiveServer.run { url in
                let admin = try CLIProcess(serverURL: url, token: LiveServer.adminSecret)

                let first = try await admin.run("workflow", "apply", file.path)
                #expect(first.status == 0, "\(first)")
                #expect(first.stdoutLines.first?.hasPrefix("FILE") == true, "\(first)")
                #expect(Self.cells(first, file.path) == [file.path, "cli-desk", "1", "yes"], "\(first)")

                let again = try await admin.run("workflow", "apply", file.path)
                #expect(Self.cells(again, file.path) == [file.path, "cli-desk", "1", "no"], "\(again)")

                try Self.desk.replacingOccurrences(of: "after: 5d", with: "after: 7d")
                    .write(to: file, atomically: true, encoding: .utf8)
                let changed = try await admin.run("workflow", "apply", folder.path, "-o", "ndjson")
                #expect(changed.status == 0, "\(changed)")
                let line = try JSONDecoder().decode(JSONValue.self, from: Data(changed.stdout.utf8))
                #expect(line["version"] == 2 && line["changed"] == true, "\(changed)")
                #expect(line["file"]?.stringValue == file.path, "\(changed)")

                let list = try await admin.run("workflow", "list")
                #expect(list.status == 0, "\(list)")
                #expect(list.stdoutLines.first?.hasPrefix("NAME") == true, "\(list)")
                let desk = list.stdoutLines.first { $0.hasPrefix("cli-desk ") }?.split(separator: " ").map(String.init)
                #expect(desk?.prefix(4) == ["cli-desk", "2", "CLD", "support"], "\(list)")
                #expect(list.stdout.contains("complaint-escalation"), "\(list)")

                let show = try await admin.run("workflow", "show", "cli-desk", "--version", "1")
                #expect(show.status == 0, "\(show)")
                #expect(show.stdout.contains("Version:") && show.stdout.contains("answered"), "\(show)")
                #expect(show.stdout.contains("5d") && !show.stdout.contains("7d"), "\(show)")

                let graph = try await admin.run("workflow", "graph", "cli-desk", "--format", "mermaid")
                #expect(graph.status == 0, "\(graph)")
                #expect(graph.stdout.hasPrefix("flowchart LR\n"), "\(graph)")
                #expect(graph.stdout.contains(#"s_answered -.->|"after 7d"| s_closed"#), "\(graph)")
                let dot = try await admin.run("workflow", "graph", "cli-desk")
                #expect(dot.stdout.hasPrefix(#"digraph "cli-desk""#), "\(dot)")
            }
        }
    }

    @Test func applyWarnsOfReceiversNoSubscriptionHasYet() async throws {
        try await withFolder { folder in
            let file = folder.appendingPathComponent("cli-desk.yaml")
            try Self.desk.replacingOccurrences(
                of: "answered: {}", with: "answered: {on_enter: {notify: [support-managers]}}"
            )
            .write(to: file, atomically: true, encoding: .utf8)
            try await LiveServer.run { url in
                let admin = try CLIProcess(serverURL: url, token: LiveServer.adminSecret)
                let applied = try await admin.run("workflow", "apply", file.path)
                #expect(applied.status == 0, "\(applied)")
                #expect(
                    applied.stderr.contains(
                        "warning: cli-desk notifies support-managers, which no subscription has yet"),
                    "\(applied)")
            }
        }
    }

    @Test func aRefusedFileIsReportedWithItsLocalPathAndLine() async throws {
        try await withFolder { folder in
            let broken = folder.appendingPathComponent("broken.yaml")
            try Self.desk.replacingOccurrences(of: "to: closed}", with: "to: closd}")
                .write(to: broken, atomically: true, encoding: .utf8)
            let orphan = folder.appendingPathComponent("orphan.yaml")
            try Self.desk.replacingOccurrences(of: "cli-desk", with: "cli-orphan")
                .replacingOccurrences(of: "CLD", with: "CLO")
                .replacingOccurrences(
                    of: "  open:     {initial: true}",
                    with: "  open:\n    initial: true\n    on_enter: {spawn: [{workflow: nowhere, title: Gone}]}"
                )
                .write(to: orphan, atomically: true, encoding: .utf8)
            try await LiveServer.run { url in
                let admin = try CLIProcess(serverURL: url, token: LiveServer.adminSecret)
                let result = try await admin.run("workflow", "apply", broken.path, orphan.path)
                #expect(result.status == 6, "\(result)")
                #expect(
                    result.stderr.contains("\(broken.path):13: transition 'close' goes to unknown state 'closd'"),
                    "\(result)")
                #expect(
                    result.stderr.contains("\(orphan.path):10: state 'open' spawns unknown workflow 'nowhere'"),
                    "\(result)")
                #expect(result.stdout.contains("No workflow applied"), "\(result)")

                let member = try await admin.run(
                    "token", "create", "--name", "bob", "--role", "member", "--team", "support", "-o", "ndjson")
                let secret = try #require(
                    try JSONDecoder().decode(JSONValue.self, from: Data(member.stdout.utf8))["secret"]?.stringValue)
                let good = folder.appendingPathComponent("good.yaml")
                try Self.desk.write(to: good, atomically: true, encoding: .utf8)
                let forbidden = try await admin.with(token: secret).run("workflow", "apply", good.path)
                #expect(forbidden.status == 3, "\(forbidden)")
                #expect(forbidden.stderr.contains("forbidden"), "\(forbidden)")
            }
        }
    }

    @Test func aParentIsAppliedAfterTheWorkflowItSpawns() async throws {
        try await withFolder { folder in
            let parent = """
                workflow: cli-parent
                key: CLP
                team: support
                states:
                  open:
                    initial: true
                    on_enter: {spawn: [{workflow: cli-desk, title: Child}]}
                  done: {final: true}
                transitions:
                  finish: {from: open, to: done, children: done}
                """
            // The parent's file comes first by name; it is still applied second.
            try parent.write(to: folder.appendingPathComponent("a-parent.yaml"), atomically: true, encoding: .utf8)
            try Self.desk.write(to: folder.appendingPathComponent("b-desk.yaml"), atomically: true, encoding: .utf8)
            try await LiveServer.run { url in
                let admin = try CLIProcess(serverURL: url, token: LiveServer.adminSecret)
                let result = try await admin.run("workflow", "apply", folder.path)
                #expect(result.status == 0, "\(result)")
                let names = result.stdoutLines.dropFirst().map { $0.split(separator: " ").map(String.init)[1] }
                #expect(names == ["cli-desk", "cli-parent"], "\(result)")
            }
        }
    }

    /// The table row of `file` in an apply's output.
    private static func cells(_ result: CLIProcess.Result, _ file: String) -> [String]? {
        result.stdoutLines.first { $0.hasPrefix(file) }?.split(separator: " ").map(String.init)
    }
}
