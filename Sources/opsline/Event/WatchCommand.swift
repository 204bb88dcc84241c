import ArgumentParser
import OpslineClient

/// `opsline watch`: follows the event log until interrupted.
struct WatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Follow task events as they happen, until interrupted.",
        discussion: """
            Prints the events after --since (from the beginning of the log when left out), then \
            new ones as they commit: a table row each (SEQ, AT, TASK, TYPE, ACTOR, DETAIL), \
            -o ndjson the server's event lines as they are, -o json one indented document per \
            event.

            When the connection drops, the server restarts, or no heartbeat arrives for 45 \
            seconds, the watch reconnects (waiting longer after each failed attempt, at most 30 \
            seconds) and resumes after the last event it printed: nothing is missed and nothing \
            is printed twice. Notes about reconnecting go to standard error. Ctrl-C ends it with \
            exit code 0.

            If the first connection fails, the command ends at once with the exit code for the \
            failure:

            \(ExitStatus.helpText)
            """)

    @Option(help: "Only events of tasks owned by this team.")
    var team: String?

    @Option(help: "Only events of tasks following this workflow.")
    var workflow: String?

    @Option(help: ArgumentHelp("Only events of this task.", valueName: "id"))
    var task: String?

    @Option(help: "Only events of this type, such as transitioned or sla_breached.")
    var type: String?

    @Option(help: ArgumentHelp("Start after this event seq (the last one you saw).", valueName: "seq"))
    var since: Int?

    @OptionGroup var client: ClientOptions

    func validate() throws {
        if let since, since < 0 {
            throw ValidationError("--since must be 0 or more")
        }
    }

    func run() async throws {
        let filter = EventStreamFilter(task: task, team: team, workflow: workflow, type: type)
        let since = self.since
        let printer = WatchPrinter(output: client.output)
        try await client.withClient { opsline in
            let watcher = EventWatcher(client: opsline, filter: filter, since: since)
            try await Interruption.run {
                try await watcher.run { update in printer.show(update) }
            }
        }
    }
}
