import ArgumentParser
import OpslineClient

extension TaskCommand {
    /// `opsline task move ID TRANSITION …`
    struct Move: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Move a task along a transition of its workflow.",
            discussion: """
                Fails with exit code 5 when the transition is not allowed from the task's state \
                or the task is no longer at --expected-version (the error lists the transitions \
                allowed from the task's state, and the nearest name to a mistyped one: did you \
                mean 'resolve'?), and 6 when a guard or the field values are refused.
                """)

        @Argument(help: "The task's identifier, such as CMP-42.", completion: TaskCompletion.taskIDs)
        var id: String

        @Argument(help: "The transition's name, such as resolve.", completion: TaskCompletion.transitions)
        var transition: String

        @Option(
            name: .customLong("field"),
            help: ArgumentHelp(
                "A field value to set with the move (repeatable).", valueName: "key=value"))
        var fields: [String] = []

        @Option(help: "A note for the task's history.")
        var note: String?

        @Option(help: "Refuse the move unless the task is still at this version.")
        var expectedVersion: Int?

        @OptionGroup var client: ClientOptions

        func validate() throws {
            try TaskCommand.validateFields(fields)
        }

        func run() async throws {
            let request = ClientRequest.transition(
                id: id, transition: transition, fields: try FieldAssignment.fields(fields),
                note: note, expectedVersion: expectedVersion)
            try await client.withClient { opsline in
                guard client.output == .table else {
                    return try await client.printLines(opsline.lines(request), asArray: false)
                }
                let task: TaskLine = try await opsline.send(request)
                try TerminalOutput.print(
                    "Moved \(task.id) to \(task.state).\n\n" + TaskDetailView.render(task))
            }
        }
    }
}
