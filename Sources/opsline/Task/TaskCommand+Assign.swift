import ArgumentParser
import OpslineClient

extension TaskCommand {
    /// `opsline task assign ID USER`
    struct Assign: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Assign a task to someone.",
            discussion: """
                The change is an 'assigned' event in the task's history. Reassigning someone \
                else's task may need a manager's token (exit code 3).
                """)

        @Argument(help: "The task's identifier, such as CMP-42.", completion: TaskCompletion.taskIDs)
        var id: String

        @Argument(help: "Who takes it over, by login name, such as alice.")
        var user: String

        @Option(help: "Refuse the change unless the task is still at this version.")
        var expectedVersion: Int?

        @OptionGroup var client: ClientOptions

        func validate() throws {
            if user.trimmingCharacters(in: .whitespaces).isEmpty {
                throw ValidationError("USER must not be empty; to leave the task unassigned, use 'task unassign'")
            }
        }

        func run() async throws {
            let update = TaskChanges(assignee: .set(user), expectedVersion: expectedVersion)
            try await client.withClient { opsline in
                try await client.printTask(.updateTask(id: id, update), with: opsline) {
                    "Assigned \($0.id) to \($0.assignee ?? user)."
                }
            }
        }
    }

    /// `opsline task take ID`
    struct Take: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Assign a task to yourself.",
            discussion: """
                You are the user of the personal token in use, as 'opsline whoami' shows it; you \
                must be an active member or manager of the task's team. A service token is no \
                one's assignee.
                """)

        @Argument(help: "The task's identifier, such as CMP-42.", completion: TaskCompletion.taskIDs)
        var id: String

        @Option(help: "Refuse the change unless the task is still at this version.")
        var expectedVersion: Int?

        @OptionGroup var client: ClientOptions

        func run() async throws {
            try await client.withClient { opsline in
                guard let me = try await opsline.me().user else {
                    throw ClientError.server(
                        status: 403, code: "forbidden",
                        message:
                            "a service token is no one's assignee; log in with your personal token (opsline login)",
                        details: [:])
                }
                let update = TaskChanges(assignee: .set(me), expectedVersion: expectedVersion)
                try await client.printTask(.updateTask(id: id, update), with: opsline) { "You (\(me)) took \($0.id)." }
            }
        }
    }

    /// `opsline task unassign ID`
    struct Unassign: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Leave a task unassigned, for someone else to take.")

        @Argument(help: "The task's identifier, such as CMP-42.", completion: TaskCompletion.taskIDs)
        var id: String

        @Option(help: "Refuse the change unless the task is still at this version.")
        var expectedVersion: Int?

        @OptionGroup var client: ClientOptions

        func run() async throws {
            let update = TaskChanges(assignee: .clear, expectedVersion: expectedVersion)
            try await client.withClient { opsline in
                try await client.printTask(.updateTask(id: id, update), with: opsline) { "Unassigned \($0.id)." }
            }
        }
    }
}
