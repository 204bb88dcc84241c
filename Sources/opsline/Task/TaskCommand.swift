import ArgumentParser
import OpslineClient

/// `opsline task`: create, list, show and move tasks on a running server.
struct TaskCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "task",
        abstract: "Create, list, show and move tasks.",
        discussion: """
            Talks to the server at --server, else $OPSLINE_URL, else 'server:' in \
            $XDG_CONFIG_HOME/opsline/config.yaml (default ~/.config/opsline/config.yaml), else \
            http://127.0.0.1:8080; the token comes from --token, $OPSLINE_TOKEN or 'token:' in \
            the same file.

            Output (-o): 'table' for people, 'json' for one JSON document, 'ndjson' for the \
            server's lines as they are, one JSON object per line.

            \(ExitStatus.helpText)
            """,
        subcommands: [Create.self, List.self, Show.self, Move.self]
    )
}
