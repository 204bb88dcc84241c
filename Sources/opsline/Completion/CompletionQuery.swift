import Foundation
import NIOCore
import OpslineClient

/// The server queries behind ``TaskCompletion``: quick (3 s at most), quiet (nothing on standard
/// error), and empty on any failure, so a shell's completion never stalls or prints noise.
///
/// The server and token are those the command line being completed names (`--server`,
/// `--token`), else `OPSLINE_URL`/`OPSLINE_TOKEN`, else the config file, as for the command
/// itself.
enum CompletionQuery {
    /// The most open tasks asked for.
    static let taskLimit = 1000

    /// The ids of open tasks that start with `prefix` (ignoring case).
    ///
    /// - Parameters:
    ///   - words: The command line's words, the command's name first.
    ///   - index: The index of the word being completed.
    ///   - prefix: What the word holds before the cursor.
    static func taskIDs(_ words: [String], _ index: Int, _ prefix: String) async -> [String] {
        await quietly(words) { opsline in
            let request = ClientRequest(
                method: .get, path: "/v1/tasks",
                query: [(name: "open", value: "true"), (name: "limit", value: String(taskLimit))])
            let tasks = try await opsline.stream(request, of: TaskLine.self).collect()
            return tasks.map(\.id).filter { $0.lowercased().hasPrefix(prefix.lowercased()) }
        }
    }

    /// The transitions that fire from the state of the task `opsline task move ID` names, in the
    /// workflow's order.
    static func transitions(_ words: [String], _ index: Int, _ prefix: String) async -> [String] {
        guard let id = CompletionWords.argument(after: "move", in: words, before: index) else { return [] }
        return await quietly(words) { opsline in
            let task = try await opsline.task(id: id)
            let definition = try await opsline.workflow(name: task.workflow, version: task.workflowVersion)
            return definition.transitions.filter { $0.from.contains(task.state) }.map(\.name)
                .filter { $0.hasPrefix(prefix) }
        }
    }

    /// The published workflows' names.
    static func workflowNames(_ words: [String], _ index: Int, _ prefix: String) async -> [String] {
        await quietly(words) { opsline in
            try await opsline.listWorkflows().collect().map(\.name).filter { $0.hasPrefix(prefix) }
        }
    }

    /// How long a completion waits for the server before offering nothing: a shell waits on it
    /// while the user presses tab. `OPSLINE_COMPLETION_TIMEOUT` (seconds) overrides the 3 s.
    static var timeout: TimeAmount {
        let configured = ProcessInfo.processInfo.environment["OPSLINE_COMPLETION_TIMEOUT"].flatMap { Int($0) }
        return .seconds(Int64(configured.map { max(1, $0) } ?? 3))
    }

    /// What `body` finds with a client for the server the words name; nothing when anything
    /// fails.
    private static func quietly(
        _ words: [String], _ body: (OpslineClient) async throws -> [String]
    ) async -> [String] {
        guard
            let configuration = try? ClientConfiguration.load(
                server: CompletionWords.value(of: "--server", in: words),
                token: CompletionWords.value(of: "--token", in: words))
        else { return [] }
        let limit = Self.timeout
        let opsline = OpslineClient(
            configuration: configuration, requestTimeout: limit, readTimeout: limit, connectTimeout: limit)
        let found = try? await body(opsline)
        try? await opsline.shutdown()
        return found ?? []
    }
}

/// Reading the words of a command line being completed.
enum CompletionWords {
    /// The options of the task commands that take a value, so that it is not taken for an
    /// argument.
    static let valued: Set<String> = [
        "--server", "--token", "-o", "--output", "--field", "--note", "--expected-version", "--title",
        "--priority", "--team", "--assignee", "--parent",
    ]

    /// The value of `option` (`--server URL` or `--server=URL`), the last one given.
    static func value(of option: String, in words: [String]) -> String? {
        var found: String?
        for (index, word) in words.enumerated() {
            if word == option, index + 1 < words.count {
                found = words[index + 1]
            } else if word.hasPrefix(option + "=") {
                found = String(word.dropFirst(option.count + 1))
            }
        }
        return found
    }

    /// The first argument after the word `command`, before the word at `end`: options and
    /// their values are skipped.
    static func argument(after command: String, in words: [String], before end: Int) -> String? {
        guard let start = words.firstIndex(of: command) else { return nil }
        var index = start + 1
        while index < min(end, words.count) {
            let word = words[index]
            if word.hasPrefix("-") {
                index += valued.contains(word) ? 2 : 1
                continue
            }
            return word.isEmpty ? nil : word
        }
        return nil
    }
}
