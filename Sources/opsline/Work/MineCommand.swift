import ArgumentParser
import OpslineClient

/// `opsline mine`: the open tasks assigned to me, most urgent first.
struct MineCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mine",
        abstract: "List your open tasks, most urgent first.",
        discussion: """
            The open tasks assigned to you (the token's user), the soonest SLA deadline first \
            (breached ones before them), tasks without a running SLA clock last. The same as \
            `opsline task list --mine --open --sort due --all`.

            \(ExitStatus.helpText)
            """)

    @Option(help: "Only tasks of this team.")
    var team: String?

    @Option(help: "At most this many tasks.")
    var limit: Int?

    @OptionGroup var client: ClientOptions

    func validate() throws {
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1") }
    }

    func run() async throws {
        var filter = TaskFilter(team: team, assignee: "me", limit: limit)
        filter.open = true
        filter.sort = "due"
        try await client.withClient { opsline in
            guard client.output == .table else {
                return try await client.printLines(opsline.lines(.listTasks(filter)), asArray: true)
            }
            guard limit != nil else {
                return try TerminalOutput.print(
                    TaskListView.render(try await opsline.listTasks(filter: filter).collect()))
            }
            let page = try await opsline.listTaskPage(filter: filter)
            try TerminalOutput.print(TaskListView.render(page.tasks) + TaskCommand.List.moreHint(page))
        }
    }
}
