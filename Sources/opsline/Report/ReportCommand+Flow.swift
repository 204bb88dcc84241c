import ArgumentParser
import OpslineClient

extension ReportCommand {
    /// `opsline report flow WORKFLOW [--from T] [--to T]`
    struct Flow: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Time spent per state of a workflow: the bottleneck first.",
            discussion: """
                Times are elapsed (clock) time, summed per task over its visits to a state; a \
                task still in a state counts until now, a closed task's final state not at all. \
                Stretches count when they began within --from/--to.
                """)

        @Argument(help: "The workflow, such as complaint-escalation.", completion: TaskCompletion.workflowNames)
        var workflow: String

        @OptionGroup var window: ReportWindowOptions

        @OptionGroup var client: ClientOptions

        func run() async throws {
            try await client.withClient { opsline in
                guard client.output == .table else {
                    let request = ClientRequest.flowReport(workflow: workflow, filter: window.filter)
                    return try await client.printLines(opsline.lines(request), asArray: true, name: "state")
                }
                let lines = try await opsline.flowReport(workflow: workflow, filter: window.filter).collect()
                try TerminalOutput.print(FlowReportView.render(lines))
            }
        }
    }
}
