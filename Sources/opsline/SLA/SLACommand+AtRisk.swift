import ArgumentParser
import OpslineClient
import Workflow

extension SLACommand {
    /// `opsline sla at-risk [--within 2h] [--team T]`
    struct AtRisk: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "at-risk",
            abstract: "List running SLA clocks that breach soon, soonest first.",
            discussion: """
                A clock is at risk when its deadline falls within --within from now (clock time); \
                LEFT is the working time it has left in its workflow's calendar.
                """)

        @Option(help: ArgumentHelp("How far ahead to look: 45s, 30m, 2h, 1d4h.", valueName: "duration"))
        var within = "2h"

        @Option(help: "Only clocks of this team's tasks.")
        var team: String?

        @Option(help: "Only clocks of this workflow's tasks.")
        var workflow: String?

        @Option(help: "Only clocks of this policy, such as resolution.")
        var policy: String?

        @Option(help: "At most this many clocks.")
        var limit: Int?

        @OptionGroup var client: ClientOptions

        func validate() throws {
            _ = try DurationArgument.parse(within, option: "--within", examples: "45s, 30m, 2h or 1d4h")
            if let limit, limit < 1 { throw ValidationError("--limit must be at least 1") }
        }

        func run() async throws {
            let filter = AtRiskFilter(within: within, team: team, workflow: workflow, policy: policy, limit: limit)
            try await client.withClient { opsline in
                guard client.output == .table else {
                    return try await client.printLines(opsline.lines(.slaAtRisk(filter)), asArray: true, name: "task")
                }
                try TerminalOutput.print(AtRiskListView.render(try await opsline.slaAtRisk(filter).collect()))
            }
        }
    }
}
