import ArgumentParser
import OpslineClient

extension TaskCommand {
    /// `opsline task list [--workflow W] [--state S] …`
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List tasks, oldest first.",
            discussion: "With -o ndjson the tasks are printed as the server streams them.")

        @Option(help: "Only tasks of this workflow.")
        var workflow: String?

        @Option(help: "Only tasks in this state.")
        var state: String?

        @Option(help: "Only tasks of this team.")
        var team: String?

        @Option(help: "Only tasks assigned to this person.")
        var assignee: String?

        @Option(help: "At most this many tasks.")
        var limit: Int?

        @OptionGroup var client: ClientOptions

        func validate() throws {
            if let limit, limit < 1 {
                throw ValidationError("--limit must be at least 1")
            }
        }

        func run() async throws {
            let filter = TaskFilter(
                workflow: workflow, state: state, team: team, assignee: assignee, limit: limit)
            try await client.withClient { opsline in
                guard client.output == .table else {
                    return try await client.printLines(
                        opsline.lines(.listTasks(filter)), asArray: true)
                }
                let tasks = try await opsline.listTasks(filter: filter).collect()
                try TerminalOutput.print(TaskListView.render(tasks))
            }
        }
    }
}
