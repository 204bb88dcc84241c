import ArgumentParser
import OpslineClient

extension TaskCommand {
    /// `opsline task list [--workflow W] [--state S] …`
    struct List: AsyncParsableCommand {
        /// How many tasks a table shows for people when neither --limit nor --all is given.
        static let peopleLimit = 50

        static let configuration = CommandConfiguration(
            abstract: "List tasks, oldest first (for people: your teams' open tasks, most urgent first).",
            discussion: """
                The table for a token that is not an admin's: without any filter, your teams' \
                open tasks, most urgent first (--sort due); at most \(peopleLimit) tasks unless \
                --limit or --all says otherwise, with a line saying how many more there are. \
                With -o json or -o ndjson, and for admins, exactly what the options say (every \
                match, oldest first by default); -o ndjson prints the tasks as the server streams \
                them.
                """)

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

        @OptionGroup var filters: TaskListFilters

        @OptionGroup var client: ClientOptions

        func validate() throws {
            if let limit, limit < 1 {
                throw ValidationError("--limit must be at least 1")
            }
            if limit != nil && filters.all { throw ValidationError("--limit and --all exclude each other") }
            if assignee != nil && (filters.mine || filters.unassigned) {
                throw ValidationError("--assignee excludes --mine and --unassigned")
            }
        }

        func run() async throws {
            var filter = TaskFilter(
                workflow: workflow, state: state, team: team, assignee: assignee, limit: limit)
            try filters.apply(to: &filter)
            try await client.withClient { opsline in
                guard client.output == .table else {
                    return try await client.printLines(
                        opsline.lines(.listTasks(filter)), asArray: true)
                }
                if try await opsline.me().role != "admin" {
                    Self.applyPeopleDefaults(to: &filter, all: filters.all)
                }
                guard filter.limit != nil else {
                    let tasks = try await opsline.listTasks(filter: filter).collect()
                    return try TerminalOutput.print(TaskListView.render(tasks))
                }
                let page = try await opsline.listTaskPage(filter: filter)
                try TerminalOutput.print(TaskListView.render(page.tasks) + Self.moreHint(page))
            }
        }

        /// What a person's table shows unless told otherwise: without criteria, the open tasks of
        /// their teams (the server shows no other), most urgent first; at most ``peopleLimit``.
        static func applyPeopleDefaults(to filter: inout TaskFilter, all: Bool) {
            if !filter.hasCriteria {
                filter.open = true
                filter.sort = filter.sort ?? "due"
            }
            if filter.limit == nil && !all { filter.limit = peopleLimit }
        }

        /// `12 more: use --limit or --all` after a table cut short; nothing otherwise.
        static func moreHint(_ page: TaskPage) -> String {
            page.more > 0 ? "\(page.more) more: use --limit or --all\n" : ""
        }
    }
}
