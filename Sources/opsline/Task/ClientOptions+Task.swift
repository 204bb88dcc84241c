import OpslineClient

extension ClientOptions {
    /// Sends `request`, which answers with one line, and prints the answer: for a table what
    /// `render` makes of the decoded line, else the server's line as `-o` says (`name` is where
    /// `-o name` finds the line's name).
    func printOne<Line: Decodable & Sendable>(
        _ request: ClientRequest, with opsline: OpslineClient, name: String = "id", render: (Line) -> String
    ) async throws {
        guard output == .table else {
            return try await printLines(opsline.lines(request), asArray: false, name: name)
        }
        let line: Line = try await opsline.send(request)
        try TerminalOutput.print(render(line))
    }

    /// Sends `request`, which answers with one task line, and prints the answer: for a table a
    /// sentence (`headline`) and the task's block, else the server's line as `-o` says.
    func printTask(
        _ request: ClientRequest, with opsline: OpslineClient, headline: (TaskLine) -> String
    ) async throws {
        try await printOne(request, with: opsline) { (task: TaskLine) in
            headline(task) + "\n\n" + TaskDetailView.render(task)
        }
    }

    /// Sends `request`, which answers with one user line, and prints the answer: for a table
    /// `headline` (if any) above the user's block, else the server's line as `-o` says.
    func printUser(
        _ request: ClientRequest, with opsline: OpslineClient, headline: ((UserLine) -> String)? = nil
    ) async throws {
        try await printOne(request, with: opsline, name: "name") { (user: UserLine) in
            (headline.map { $0(user) + "\n\n" } ?? "") + UserListView.detail(user)
        }
    }
}
