import ArgumentParser
import OpslineClient

/// `opsline report`: SLA compliance per team, workflow or policy, and where tasks wait.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Report SLA compliance, time spent per state and workload.",
        discussion: """
            Reports cover the tasks of your token's teams (admins: every team). --from and --to \
            take RFC 3339 times or dates (2026-11-01 is its midnight UTC).

            \(OutputHelp.text(names: "report group's first value (or state, for 'report flow')"))

            \(ExitStatus.helpText)
            """,
        subcommands: [SLA.self, Flow.self, Workload.self, Breakdown.self]
    )
}

/// The time window and team every report takes.
struct ReportWindowOptions: ParsableArguments {
    @Option(help: ArgumentHelp("From this time (RFC 3339 or a date), inclusive.", valueName: "time"))
    var from: String?

    @Option(help: ArgumentHelp("Until this time (RFC 3339 or a date), exclusive.", valueName: "time"))
    var to: String?

    @Option(help: "Only this team's tasks.")
    var team: String?

    func validate() throws {
        if let from { _ = try TimeArgument.parse(from, option: "--from") }
        if let to { _ = try TimeArgument.parse(to, option: "--to") }
    }

    /// The filter the server takes.
    var filter: ReportFilter { ReportFilter(from: from, to: to, team: team) }
}
