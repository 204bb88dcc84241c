import ArgumentParser
import OpslineClient

/// `opsline next`: take the most urgent unassigned task of my teams.
struct NextCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "next",
        abstract: "Take the most urgent unassigned open task of your teams.",
        discussion: """
            Assigns the task to you and prints it. The most urgent is the one whose SLA deadline \
            is soonest (breached ones first); tasks without a running SLA clock come last, the \
            oldest first. Two people running this at the same time always get different tasks.

            Exits with 4, printing nothing, when there is no task to take, so that \
            `while opsline next; do …; done` stops there.

            \(ExitStatus.helpText)
            """)

    @Option(help: "Only a task of this team.")
    var team: String?

    @Option(help: "Only a task of this workflow.")
    var workflow: String?

    @OptionGroup var client: ClientOptions

    func run() async throws {
        // The raw line for scripts, exactly as the server wrote it; the task for the table.
        let (line, task): (String?, TaskLine?) = try await ClientOptions.withClient(
            server: client.server, token: client.token, caFile: client.caFile
        ) { opsline in
            guard client.output == .table else {
                return (try await opsline.lines(.takeNextTask(team: team, workflow: workflow)).collect().first, nil)
            }
            return (nil, try await opsline.takeNextTask(team: team, workflow: workflow))
        }
        switch (client.output, line, task) {
        case (.table, _, let task?): try TerminalOutput.print(TaskListView.render([task]))
        case (.ndjson, let line?, _): try TerminalOutput.print(line)
        case (.json, let line?, _): try TerminalOutput.print(try ClientOptions.parse([line])[0].prettyText)
        default:
            TerminalOutput.error("nothing to take: no open task without an assignee in your teams' queues")
            throw ExitCode(ExitStatus.notFound)
        }
    }
}
