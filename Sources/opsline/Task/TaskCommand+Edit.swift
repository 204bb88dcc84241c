import ArgumentParser
import OpslineClient

extension TaskCommand {
    /// `opsline task edit ID [--field k=v]… [--title T] [--priority P] [--expected-version N]`
    struct Edit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change a task's fields, title or priority.",
            discussion: """
                Each --field value is read as JSON when it is valid JSON, else as text, as in \
                'task create': --field satisfaction=5 sends a number, --field customer=ACME a \
                string; --field notes=null removes a field. The change is an 'updated' event in \
                the task's history. Fails with exit code 5 when the task is no longer at \
                --expected-version, and 6 when the values are refused.
                """)

        @Argument(help: "The task's identifier, such as CMP-42.", completion: TaskCompletion.taskIDs)
        var id: String

        @Option(
            name: .customLong("field"),
            help: ArgumentHelp("A field value to set (repeatable).", valueName: "key=value"))
        var fields: [String] = []

        @Option(help: "A new one-line summary.")
        var title: String?

        @Option(help: "A new priority, such as p1.")
        var priority: String?

        @Option(help: "Refuse the change unless the task is still at this version.")
        var expectedVersion: Int?

        @OptionGroup var client: ClientOptions

        func validate() throws {
            try TaskCommand.validateFields(fields)
            if fields.isEmpty, title == nil, priority == nil {
                throw ValidationError("nothing to change: give --field, --title or --priority")
            }
        }

        func run() async throws {
            let update = TaskChanges(
                fields: try FieldAssignment.fields(fields), title: title, priority: priority.map { .set($0) },
                expectedVersion: expectedVersion)
            try await client.withClient { opsline in
                try await client.printTask(.updateTask(id: id, update), with: opsline) { "Updated \($0.id)." }
            }
        }
    }
}
