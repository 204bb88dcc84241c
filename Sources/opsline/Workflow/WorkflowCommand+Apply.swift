import ArgumentParser
import Foundation
import OpslineClient
import Workflow

extension WorkflowCommand {
    /// `opsline workflow apply FILE…`
    struct Apply: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Publish workflow files to the server (needs an admin token).",
            discussion: """
                Each FILE is a workflow file (YAML, or JSON when it ends in .json) or a folder of \
                them; a folder's calendars.yaml and receivers.yaml are skipped (the server reads \
                them at start-up). A workflow is published after the workflows it spawns. Each file \
                becomes its workflow's next version when it changed and changes nothing when it \
                did not; the table says which. The server checks each file against the \
                workflows it has: a refused file's problems are printed as file:line: message \
                with the local path, the other files are still applied, and the exit code is \
                that of the first failure (6 for a refused workflow). A workflow whose notify: \
                names receivers no subscription has yet is published with a warning naming them.
                """)

        @Argument(help: ArgumentHelp("Workflow files or folders.", valueName: "file"))
        var paths: [String] = []

        @OptionGroup var client: ClientOptions

        func validate() throws {
            if paths.isEmpty { throw ValidationError("name at least one workflow file or folder") }
            if let named = paths.first(where: { ($0 as NSString).lastPathComponent == "calendars.yaml" }) {
                throw ValidationError(
                    "\(named) defines calendars, which the server reads at start-up; it cannot be applied")
            }
            if let named = paths.first(where: { ($0 as NSString).lastPathComponent == ReceiverFile.name }) {
                throw ValidationError(
                    "\(named) declares receivers, which the server reads at start-up; it cannot be applied")
            }
        }

        func run() async throws {
            let input = WorkflowFiles(paths)
            var failure: Int32? = nil
            for problem in input.unreadable {
                TerminalOutput.error("error: \(problem)")
                failure = failure ?? ExitStatus.failure
            }
            var applied: [(path: String, line: WorkflowLine)] = []
            try await client.withClient { opsline in
                for item in WorkflowApplyPlan(input.workflowFiles).items {
                    do {
                        let line = try await publish(item, with: opsline)
                        applied.append((item.file.path, line))
                        if let missing = line.unsubscribed, !missing.isEmpty {
                            TerminalOutput.error(
                                "warning: \(line.name) notifies \(missing.joined(separator: ", ")), which no "
                                    + "subscription has yet: they tell no one until `opsline subscription create NAME`")
                        }
                    } catch let error as ClientError {
                        if case .connection = error { throw error }
                        TerminalOutput.error(ExitStatus(for: Self.localised(error, file: item)).message)
                        failure = failure ?? ExitStatus.code(for: error)
                    } catch let error as WorkflowLoadErrors {
                        TerminalOutput.error(error.errors.map { "error: \($0)" }.joined(separator: "\n"))
                        failure = failure ?? ExitStatus.validation
                    }
                }
            }
            let text = client.presenting { render(applied) }
            if !(client.output == .name && text.isEmpty) { try TerminalOutput.print(text) }
            if let failure { throw ExitCode(failure) }
        }

        /// Sends one file; a file without a readable `workflow:` name is reported as the loader
        /// sees it.
        private func publish(_ item: WorkflowApplyPlan.Item, with opsline: OpslineClient) async throws -> WorkflowLine {
            guard let name = item.name else {
                _ = try WorkflowParser.parse(item.file.text, file: item.file.path)
                throw WorkflowLoadErrors([
                    WorkflowLoadError(file: item.file.path, line: 1, message: "the file has no 'workflow:' name")
                ])
            }
            let document = RequestDocument(contentType: Self.contentType(item.file.path), text: item.file.text)
            return try await opsline.publishWorkflow(name: name, document: document)
        }

        private func render(_ applied: [(path: String, line: WorkflowLine)]) -> String {
            switch client.output {
            case .table:
                guard !applied.isEmpty else { return "No workflow applied." }
                return TableRenderer(headers: ["FILE", "WORKFLOW", "VERSION", "CHANGED"]).render(
                    applied.map {
                        [$0.path, $0.line.name, String($0.line.version), $0.line.changed == true ? "yes" : "no"]
                    })
            case .json:
                return JSONValue.array(applied.map(Self.json)).prettyText
            case .ndjson:
                return applied.map { Self.json($0).compactText }.joined(separator: "\n")
            case .name:
                return applied.map(\.line.name).joined(separator: "\n")
            }
        }

        /// The server's line with the local file's path as `file`.
        private static func json(_ applied: (path: String, line: WorkflowLine)) -> JSONValue {
            var members: [String: JSONValue] = [
                "file": .string(applied.path), "name": .string(applied.line.name), "title": .string(applied.line.title),
                "key": .string(applied.line.key), "team": .string(applied.line.team),
                "calendar": .string(applied.line.calendar), "version": .int(Int64(applied.line.version)),
                "checksum": .string(applied.line.checksum),
                "published_at": .string(DisplayText.utcTime(applied.line.publishedAt)),
            ]
            members["changed"] = applied.line.changed.map(JSONValue.bool)
            return .object(members)
        }

        private static func contentType(_ path: String) -> String {
            path.hasSuffix(".json") ? "application/json" : "application/yaml"
        }

        /// The error with the server's name for the document (`risk-review.yaml`) replaced by the
        /// local path, so each `file:line:` points at the file that was sent.
        static func localised(_ error: ClientError, file item: WorkflowApplyPlan.Item) -> ClientError {
            guard case .server(let status, let code, let message, var details) = error, let name = item.name else {
                return error
            }
            let serverName = "\(name).\(item.file.path.hasSuffix(".json") ? "json" : "yaml"):"
            func local(_ text: String) -> String {
                text.replacingOccurrences(of: serverName, with: item.file.path + ":")
            }
            if case .array(let problems)? = details["problems"] {
                details["problems"] = .array(problems.map { $0.stringValue.map { .string(local($0)) } ?? $0 })
            }
            let refused = code == "invalid_workflow" ? "\(item.file.path) was refused" : local(message)
            return .server(status: status, code: code, message: refused, details: details)
        }
    }
}
