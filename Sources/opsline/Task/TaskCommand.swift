import ArgumentParser
import OpslineClient

/// `opsline task`: create, list, show, move, edit, assign and comment on tasks on a running
/// server.
struct TaskCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "task",
        abstract: "Create, list, show, move, edit, assign and comment on tasks, tick checklists, attach files.",
        discussion: """
            Talks to the server at --server, else $OPSLINE_URL, else 'server:' in \
            $XDG_CONFIG_HOME/opsline/config.yaml (default ~/.config/opsline/config.yaml), else \
            http://127.0.0.1:8080; the token comes from --token, $OPSLINE_TOKEN or 'token:' in \
            the same file.

            \(OutputHelp.text(names: "task id (CMP-42)"))

            \(ExitStatus.helpText)
            """,
        subcommands: [
            Create.self, List.self, Show.self, Move.self, Edit.self, Assign.self, Take.self, Unassign.self,
            Comment.self, Check.self, Link.self, Attach.self, Download.self,
        ]
    )
}
