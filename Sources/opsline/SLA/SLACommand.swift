import ArgumentParser
import OpslineClient

/// `opsline sla`: what breached, what is about to, and when a deadline falls.
struct SLACommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sla",
        abstract: "See breached SLA clocks, clocks about to breach, and work out deadlines.",
        discussion: """
            Lists cover the tasks of your token's teams (admins: every team). Talks to the server \
            at --server, else $OPSLINE_URL, else the config file; 'sla due --offline' needs no \
            server.

            \(OutputHelp.text(names: "task id"))

            \(ExitStatus.helpText)
            """,
        subcommands: [Breaches.self, AtRisk.self, Due.self]
    )
}
