import ArgumentParser
import OpslineClient

/// `opsline whoami`: the token in use, as the server sees it.
struct WhoamiCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "whoami",
        abstract: "Show the name, role and teams of the token in use.",
        discussion: """
            Exits with 3 when the server does not accept the token (unknown, revoked or expired).

            \(ExitStatus.helpText)
            """)

    @OptionGroup var client: ClientOptions

    func run() async throws {
        try await client.withClient { opsline in
            guard client.output == .table else {
                return try await client.printLines(opsline.lines(.me()), asArray: false, name: "name")
            }
            let caller = try await opsline.me()
            try TerminalOutput.print(TokenListView.caller(caller, server: opsline.configuration.serverURL))
        }
    }
}
