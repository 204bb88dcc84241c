import ArgumentParser
import OpslineClient

extension ReportCommand {
    /// `opsline report breakdown WORKFLOW --by A[,B[,C]] [--measure X,…] [--from T] [--to T]`
    struct Breakdown: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "A workflow's tasks grouped by their fields, with number fields averaged per group.",
            discussion: """
                Complaints by category and channel (--by category,channel --measure satisfaction), \
                satisfaction per agent (--by assignee), a risk grid (--by likelihood,impact). --by \
                takes team, assignee, state, priority or fields of the workflow; --measure int or \
                decimal fields. Tasks count when created within --from/--to.
                """)

        @Argument(help: "The workflow, such as complaint-escalation.", completion: TaskCompletion.workflowNames)
        var workflow: String

        @Option(help: ArgumentHelp("One to three dimensions, comma-separated.", valueName: "a,b"))
        var by: String

        @Option(help: ArgumentHelp("Number fields to measure, comma-separated.", valueName: "x,y"))
        var measure: String?

        @OptionGroup var window: ReportWindowOptions

        @OptionGroup var client: ClientOptions

        func run() async throws {
            let dimensions = by.split(separator: ",").map(String.init)
            let measures = measure?.split(separator: ",").map(String.init) ?? []
            let request = ClientRequest.breakdownReport(
                workflow: workflow, by: dimensions, measures: measures, filter: window.filter)
            try await client.withClient { opsline in
                guard client.output == .table else {
                    return try await client.printLines(opsline.lines(request), asArray: true, name: "tasks")
                }
                let lines = try await opsline.breakdownReport(
                    workflow: workflow, by: dimensions, measures: measures, filter: window.filter
                ).collect()
                try TerminalOutput.print(BreakdownView.render(lines, by: dimensions, measures: measures))
            }
        }
    }
}
