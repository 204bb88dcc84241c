import ArgumentParser
import OpslineClient

extension TaskCommand {
    /// `opsline task comment ID [TEXT | -] [--edit]`
    struct Comment: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a comment to a task's history.",
            discussion: """
                The text is the argument; '-' reads it from standard input (`git log -1 | \
                opsline task comment CMP-42 -`). Without it at a terminal, or with --edit, \
                $VISUAL (else $EDITOR, else vi) opens a temporary file, as `git commit` does; \
                lines starting with '#' are left out. An empty comment posts nothing and exits \
                with 1. The comment is a 'commented' event; the task itself does not change, \
                and is printed as it is.
                """)

        @Argument(help: "The task's identifier, such as CMP-42.", completion: TaskCompletion.taskIDs)
        var id: String

        @Argument(help: "The comment; '-' to read it from standard input.")
        var text: String?

        @Flag(name: [.short, .long], help: "Write the comment in $VISUAL or $EDITOR.")
        var edit = false

        @OptionGroup var client: ClientOptions

        func run() async throws {
            let comment: String
            do {
                comment = try CommentText.read(argument: text, edit: edit, taskID: id)
            } catch {
                TerminalOutput.error("error: \(error)")
                throw ExitCode(ExitStatus.failure)
            }
            try await client.withClient { opsline in
                try await client.printTask(.comment(id: id, text: comment), with: opsline) { "Commented on \($0.id)." }
            }
        }
    }
}
