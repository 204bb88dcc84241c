import ArgumentParser
import OpslineClient

extension TaskCommand {
    /// `opsline task create WORKFLOW --title T …`
    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a task.",
            discussion: """
                Each --field value is read as JSON when it is valid JSON, else as text: \
                --field satisfaction=5 sends a number, --field customer=ACME a string, \
                --field code='"007"' the string 007. --parent makes the task a child of another \
                (shown under its Children:), for example a remediation item under a launch.
                """)

        @Argument(
            help: "The workflow the task follows, such as complaint-escalation.",
            completion: TaskCompletion.workflowNames)
        var workflow: String

        @Option(help: "A one-line summary.")
        var title: String

        @Option(
            name: .customLong("field"),
            help: ArgumentHelp("A field value (repeatable).", valueName: "key=value"))
        var fields: [String] = []

        @Option(help: "The owning team.")
        var team: String?

        @Option(help: "The person to assign.")
        var assignee: String?

        @Option(help: "The priority, such as p1.")
        var priority: String?

        @Option(
            help: ArgumentHelp("The parent task, such as LCH-3 for a remediation item of a launch.", valueName: "id"),
            completion: TaskCompletion.taskIDs)
        var parent: String?

        @OptionGroup var client: ClientOptions

        func validate() throws {
            try TaskCommand.validateFields(fields)
        }

        func run() async throws {
            let task = NewTask(
                workflow: workflow, title: title, fields: try FieldAssignment.fields(fields),
                team: team, assignee: assignee, priority: priority, parent: parent)
            try await client.withClient { opsline in
                guard client.output == .table else {
                    return try await client.printLines(
                        opsline.lines(.createTask(task)), asArray: false)
                }
                let created = try await opsline.createTask(task)
                try TerminalOutput.print(
                    "Created task \(created.id).\n\n" + TaskDetailView.render(created))
            }
        }
    }

    /// Rejects `--field` arguments that are not `key=value`, as a usage error.
    static func validateFields(_ fields: [String]) throws {
        do {
            _ = try FieldAssignment.fields(fields)
        } catch {
            throw ValidationError(error.description)
        }
    }
}
