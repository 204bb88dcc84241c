import ArgumentParser
import OpslineClient

extension SLACommand {
    /// `opsline sla breaches [--team T] [--workflow W] [--policy P] [--since T] [--open]`
    struct Breaches: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List breached SLA clocks, newest breach first.",
            discussion: """
                CLOCK is the clock's own state: 'running' or 'paused' while the breached promise \
                is still open, 'stopped' once the task reached a stop state. TEAM is the team the \
                breach is charged to: the one that held the task when it fell due; ESCALATED TO \
                the team that has the task now, when an escalation moved it. A later cycle of a \
                clock (a reopened complaint's) shows as 'resolution #2'.
                """)

        @Option(help: "Only breaches charged to this team: it held the task when the clock breached.")
        var team: String?

        @Option(help: "Only clocks of this workflow's tasks.")
        var workflow: String?

        @Option(help: "Only clocks of this policy, such as resolution.")
        var policy: String?

        @Option(help: ArgumentHelp("Only breaches at or after this RFC 3339 time.", valueName: "time"))
        var since: String?

        @Flag(help: "Only breaches whose clock has not stopped yet.")
        var open = false

        @Option(help: "At most this many clocks.")
        var limit: Int?

        @OptionGroup var client: ClientOptions

        func validate() throws {
            if let since { _ = try TimeArgument.parse(since, option: "--since") }
            if let limit, limit < 1 { throw ValidationError("--limit must be at least 1") }
        }

        func run() async throws {
            let filter = BreachFilter(
                team: team, workflow: workflow, policy: policy, since: since, open: open ? true : nil, limit: limit)
            try await client.withClient { opsline in
                guard client.output == .table else {
                    return try await client.printLines(opsline.lines(.slaBreaches(filter)), asArray: true, name: "task")
                }
                try TerminalOutput.print(BreachListView.render(try await opsline.slaBreaches(filter).collect()))
            }
        }
    }
}
