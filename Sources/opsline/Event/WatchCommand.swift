import ArgumentParser
import OpslineClient

/// `opsline watch`: follows the event log until interrupted.
struct WatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Follow task events as they happen, until interrupted.",
        discussion: """
            Starts from now: prints the events that commit from then on. --since 0 prints the \
            whole history first, --since SEQ the events after SEQ (the last one you saw), then \
            the new ones. Each event is a table row (SEQ, AT, TASK, TYPE, ACTOR, DETAIL; AT in \
            the local time zone, or UTC with --utc), -o ndjson the server's event lines as they \
            are, -o json one indented document per event, -o name the task id of each event.

            When the connection drops, the server restarts, or no heartbeat arrives for 45 \
            seconds, the watch reconnects (waiting longer after each failed attempt, at most 30 \
            seconds) and resumes after the last event it printed: nothing is missed and nothing \
            is printed twice. Notes about reconnecting go to standard error. Ctrl-C ends it with \
            exit code 0, and so does the reader of its output going away (`opsline watch | head \
            -5` ends when head does, even while no event comes).

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

    @Option(
        help: ArgumentHelp(
            "Start after this event seq (0 for the whole history); default 'now', only new events.",
            valueName: "seq|now"))
    var since: String?

    @OptionGroup var client: ClientOptions

    /// `--since` as a seq; `nil` when left out or `now`.
    var sinceSeq: Int? { since.flatMap { Int($0) } }

    func validate() throws {
        guard let since, since != "now" else { return }
        guard let seq = Int(since), seq >= 0 else {
            throw ValidationError("--since must be an event seq (0 or more) or 'now', not '\(since)'")
        }
    }

    func run() async throws {
        let filter = EventStreamFilter(task: task, team: team, workflow: workflow, type: type)
        let (since, fromNow) = (sinceSeq, sinceSeq == nil)
        let printer = WatchPrinter(output: client.output, presentation: client.presentation)
        try await client.withClient { opsline in
            let watcher = EventWatcher(client: opsline, filter: filter, since: since, fromNow: fromNow)
            try await Interruption.run {
                try await ReaderDeparture.ending {
                    try await watcher.run { update in try printer.show(update) }
                }
            }
        }
    }
}
