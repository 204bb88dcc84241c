import OpslineClient

extension ClientOptions {
    /// Sends `request`, which answers with one task line, and prints the answer: for a table a
    /// sentence (`headline`) and the task's block, else the server's line as `-o` says.
    func printTask(
        _ request: ClientRequest, with opsline: OpslineClient, headline: (TaskLine) -> String
    ) async throws {
        guard output == .table else {
            return try await printLines(opsline.lines(request), asArray: false)
        }
        let task: TaskLine = try await opsline.send(request)
        try TerminalOutput.print(headline(task) + "\n\n" + TaskDetailView.render(task))
    }
}
