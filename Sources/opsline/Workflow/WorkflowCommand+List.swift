import ArgumentParser
import OpslineClient

extension WorkflowCommand {
    /// `opsline workflow list`
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the published workflows, at their latest versions.")

        @OptionGroup var client: ClientOptions

        func run() async throws {
            try await client.withClient { opsline in
                guard client.output == .table else {
                    return try await client.printLines(opsline.lines(.listWorkflows()), asArray: true, name: "name")
                }
                try TerminalOutput.print(WorkflowListView.render(try await opsline.listWorkflows().collect()))
            }
        }
    }
}
