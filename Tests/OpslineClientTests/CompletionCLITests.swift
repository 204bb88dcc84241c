import Foundation
import Testing
import Workflow

/// `opsline completion bash|zsh|fish`, and the dynamic completions the scripts call back for:
/// task ids, the transitions of the task being moved, workflow names.
@Suite("Shell completion")
struct CompletionCLITests {
    /// What the bash script runs to complete the word at `index` of `words` (the command's
    /// words, `opsline` first), for the argument `argument` of the subcommand `path`.
    static func callback(_ path: [String], _ argument: String, words: [String]) -> [String] {
        let index = words.count - 1
        return ["---completion"] + path + ["--", argument, String(index), String(words[index].count)] + words
    }

    @Test(arguments: ["bash", "zsh", "fish"])
    func theScriptsCallBackForTaskIdsTransitionsAndWorkflows(shell: String) async throws {
        let script = try await CLIProcess().run("completion", shell)
        #expect(script.status == 0, "\(script)")
        for hook in [
            "---completion task show -- positional@0", "---completion task move -- positional@0",
            "---completion task move -- positional@1", "---completion task create -- positional@0",
            "---completion task comment -- positional@0", "---completion workflow show -- positional@0",
        ] {
            #expect(script.stdout.contains(hook), "\(shell) lacks \(hook)")
        }
    }

    @Test func theCallbacksAnswerFromTheServer() async throws {
        try await LiveServer.run { url in
            // A completion gives up after 3 s; a busy test machine may need longer.
            let cli = try CLIProcess(serverURL: url, token: LiveServer.adminSecret)
                .with(environment: ["OPSLINE_COMPLETION_TIMEOUT": "60"])
            try await ClosedPipeCLITests.seed(2, with: cli)
            let ids = try await cli.run(
                Self.callback(["task", "show"], "positional@0", words: ["opsline", "task", "show", ""]))
            #expect(ids.status == 0, "\(ids)")
            #expect(ids.stdoutLines == ["CMP-1", "CMP-2"], "\(ids)")
            #expect(ids.stderr.isEmpty, "\(ids)")

            let started = try await cli.run(
                Self.callback(["task", "show"], "positional@0", words: ["opsline", "task", "show", "CMP-2"]))
            #expect(started.stdoutLines == ["CMP-2"], "\(started)")

            let transitions = try await cli.run(
                Self.callback(["task", "move"], "positional@1", words: ["opsline", "task", "move", "CMP-1", ""]))
            #expect(transitions.stdoutLines == ["acknowledge", "investigate"], "\(transitions)")

            let workflows = try await cli.run(
                Self.callback(["task", "create"], "positional@0", words: ["opsline", "task", "create", "comp"]))
            #expect(workflows.stdoutLines == ["complaint-escalation"], "\(workflows)")
        }
    }

    @Test func theCallbacksSayNothingWhenTheServerCannotBeReached() async throws {
        let cli = try CLIProcess(serverURL: "http://127.0.0.1:1", token: "t")
        let ids = try await cli.run(
            Self.callback(["task", "show"], "positional@0", words: ["opsline", "task", "show", ""]))
        #expect(ids.status == 0, "\(ids)")
        #expect(ids.stdout.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "\(ids)")
        #expect(ids.stderr.isEmpty, "\(ids)")
    }
}
