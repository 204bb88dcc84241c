import ArgumentParser

/// The `opsline` command: the server (`opsline serve`) and the client for people and scripts.
@main
struct Opsline: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "opsline",
        abstract: "Workflow and task management for operations teams.",
        discussion: """
            Run the server with `opsline serve`; everything else talks to a running server over \
            HTTP (set OPSLINE_URL and OPSLINE_TOKEN, or use ~/.config/opsline/config.yaml).
            """,
        version: "0.1.0",
        subcommands: [
            ServeCommand.self, TaskCommand.self, DatabaseCommand.self, TokenCommand.self,
            WhoamiCommand.self, LoginCommand.self, EventCommand.self, WatchCommand.self, WorkflowCommand.self,
            SLACommand.self, ReportCommand.self,
        ]
    )
}
