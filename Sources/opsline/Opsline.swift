import ArgumentParser

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

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
            SLACommand.self, ReportCommand.self, MineCommand.self, NextCommand.self, UserCommand.self,
            TeamCommand.self, SubscriptionCommand.self, CompletionCommand.self,
        ]
    )

    /// Runs the command the arguments name, as ArgumentParser's own `main()` does, except that
    /// output that cannot be written ends it the way ``OutputError/exitStatus`` says: when the
    /// reader of a pipe has gone, quietly with exit code 0.
    ///
    /// SIGPIPE is ignored, so that writing to such a pipe fails with `EPIPE` (which
    /// ``TerminalOutput`` turns into ``OutputError/readerGone``) instead of killing the process.
    static func main() async {
        signal(SIGPIPE, SIG_IGN)
        do {
            var command = try await asyncParseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let error as OutputError {
            let status = error.exitStatus
            if !status.message.isEmpty { TerminalOutput.error(status.message) }
            exit(withError: ExitCode(status.code))
        } catch {
            exit(withError: error)
        }
    }
}
