import ArgumentParser
import OpslineClient

extension WorkflowCommand {
    /// `opsline workflow schedules [WORKFLOW]`
    struct Schedules: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the recurring work the workflows create, with each schedule's next occurrence.",
            discussion: """
                A workflow's `schedules:` create a task in its initial state at each occurrence, \
                exactly once however many servers run. NEXT is when the next task is created; \
                `never` when the schedule never fires again on its calendar.
                """)

        @OptionGroup var client: ClientOptions

        @Argument(help: "Only this workflow's schedules.")
        var workflow: String?

        func run() async throws {
            try await client.withClient { opsline in
                guard client.output == .table else {
                    return try await client.printLines(
                        opsline.lines(.listSchedules(workflow: workflow)), asArray: true, name: "schedule")
                }
                try TerminalOutput.print(
                    ScheduleListView.render(try await opsline.listSchedules(workflow: workflow).collect()))
            }
        }
    }
}
