import ArgumentParser
import OpslineClient

/// `opsline event`: send batches of command lines, as other services do.
struct EventCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "event",
        abstract: "Post batches of task commands (create, transition, update, assign, comment).",
        discussion: """
            Each input line is one command, such as
              {"op":"create","workflow":"complaint-escalation","title":"…","fields":{…}}
              {"op":"transition","task":"CMP-42","transition":"acknowledge"}
            Lines with an "idempotency_key" are applied once: posting them again with the same \
            token repeats the first outcome with "replayed":true (a refused line is tried again). \
            Follow what happens with 'opsline watch'.

            \(ExitStatus.helpText)
            """,
        subcommands: [Post.self]
    )
}
