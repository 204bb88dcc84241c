import ArgumentParser
import OpslineClient

extension WorkflowCommand {
    /// `opsline workflow show NAME [--version N]`
    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a workflow's definition: states, transitions, fields, timers and SLAs.",
            discussion: "-o json and -o ndjson print the definition as the server describes it.")

        @Argument(
            help: "The workflow's name, such as complaint-escalation.", completion: TaskCompletion.workflowNames)
        var name: String

        @Option(help: "A published version (default: the latest).")
        var version: Int?

        @OptionGroup var client: ClientOptions

        func validate() throws {
            if let version, version < 1 { throw ValidationError("--version must be at least 1") }
        }

        func run() async throws {
            try await client.withClient { opsline in
                guard client.output == .table else {
                    return try await client.printLines(
                        opsline.lines(.workflow(name: name, version: version)), asArray: false, name: "name")
                }
                try TerminalOutput.print(
                    WorkflowDetailView.render(try await opsline.workflow(name: name, version: version)))
            }
        }
    }
}
