import ArgumentParser
import OpslineClient

extension TaskCommand {
    /// `opsline task link ID TYPE OTHER [--remove]`
    struct Link: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Link a task to another: relates_to, or caused_by.",
            discussion: """
                'opsline task link PRD-7 caused_by CMP-42' records that PRD-7 exists because of \
                CMP-42 (a complaint's root cause led to an improvement); CMP-42 then shows \
                'causes PRD-7'. relates_to reads the same both ways. Linking twice changes \
                nothing; --remove takes a link away. `opsline task show` lists a task's links.
                """)

        @Argument(help: "The task's identifier, such as PRD-7.", completion: TaskCompletion.taskIDs)
        var id: String

        @Argument(help: "relates_to or caused_by.")
        var type: String

        @Argument(help: "The other task's identifier.", completion: TaskCompletion.taskIDs)
        var other: String

        @Flag(help: "Remove the link instead.")
        var remove = false

        @OptionGroup var client: ClientOptions

        func run() async throws {
            try await client.withClient { opsline in
                _ = try await opsline.send(
                    .link(id: id, type: type, other: other, remove: remove), expecting: TaskLine.self)
                try await client.printTask(.task(id: id), with: opsline) { _ in
                    remove ? "Removed the link \(id) \(type) \(other)." : "Linked \(id) \(type) \(other)."
                }
            }
        }
    }
}
