import ArgumentParser
import OpslineClient

/// `opsline workflow`: check workflow files offline; list, show, draw and publish the workflows
/// of a running server.
struct WorkflowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "workflow",
        abstract: "Check, publish, list, show and draw workflows.",
        discussion: """
            'check' reads files and needs no server; the other commands talk to the server at \
            --server, else $OPSLINE_URL, else the config file, with the token from --token, \
            $OPSLINE_TOKEN or the config file. Publishing ('apply') needs an admin token.

            A changed file becomes the workflow's next version; an unchanged one changes \
            nothing. Tasks already running stay on the version they started with; new tasks \
            start on the latest.

            \(OutputHelp.text(names: "workflow name"))

            \(ExitStatus.helpText)
            """,
        subcommands: [List.self, Show.self, Apply.self, Graph.self, Check.self, Schedules.self]
    )
}
