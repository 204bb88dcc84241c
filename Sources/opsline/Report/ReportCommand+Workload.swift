import ArgumentParser
import OpslineClient

extension ReportCommand {
    /// `opsline report workload [--team T] [--within D]`
    struct Workload: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Who holds what: open tasks per person, and each team's unassigned queue.",
            discussion: """
                Per team and person: open tasks assigned to them, how many of those are at risk \
                (a running SLA clock due within --within, default 1d) or breached, when the \
                oldest was created, and how many tasks were assigned to them and closed in the \
                last 7 days. Then the team's open tasks nobody is assigned to.
                """)

        @Option(help: "Only this team.")
        var team: String?

        @Option(help: ArgumentHelp("At risk: a clock due within this time (default 1d).", valueName: "duration"))
        var within: String?

        @OptionGroup var client: ClientOptions

        func validate() throws {
            if let within { _ = try DurationArgument.parse(within, option: "--within", examples: "4h or 1d") }
        }

        func run() async throws {
            try await client.withClient { opsline in
                guard client.output == .table else {
                    let request = ClientRequest.workloadReport(team: team, within: within)
                    return try await client.printLines(opsline.lines(request), asArray: true, name: "user")
                }
                let lines = try await opsline.workloadReport(team: team, within: within).collect()
                try TerminalOutput.print(WorkloadView.render(lines))
            }
        }
    }
}
