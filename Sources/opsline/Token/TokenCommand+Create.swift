import ArgumentParser
import OpslineClient

extension TokenCommand {
    /// `opsline token create --name N --role R --team T… [--expires-in 30d | --expires-at T]`
    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a token and print its secret, once.",
            discussion: """
                The secret is printed on standard output (with -o json or ndjson, as the \
                'secret' member of the token) and is never shown again: store it now.
                """)

        @Option(help: "Who or what the token is for, such as alice or crm-bridge.")
        var name: String

        @Option(help: "admin, manager, member, service or viewer.")
        var role: String

        @Option(
            name: .customLong("team"),
            help: ArgumentHelp("A team the token works for (repeatable).", valueName: "team"))
        var teams: [String] = []

        @Option(help: ArgumentHelp("Expire after this long, such as 30d or 12h.", valueName: "duration"))
        var expiresIn: String?

        @Option(help: ArgumentHelp("Expire at this RFC 3339 time.", valueName: "time"))
        var expiresAt: String?

        @OptionGroup var client: ClientOptions

        func validate() throws {
            if client.output == .name {
                throw ValidationError(
                    "-o name would print the token's id alone and lose its secret, which is shown only once; "
                        + "use -o table, json or ndjson")
            }
            do {
                _ = try TokenExpiry.date(expiresIn: expiresIn, expiresAt: expiresAt)
            } catch {
                throw ValidationError(error.message)
            }
        }

        func run() async throws {
            let token = NewToken(
                name: name, role: role, teams: teams,
                expiresAt: try TokenExpiry.date(expiresIn: expiresIn, expiresAt: expiresAt))
            try await client.withClient { opsline in
                if client.output == .table {
                    let created = try await opsline.createToken(token)
                    try TerminalOutput.print(
                        "Created token \(created.id).\n\n" + TokenListView.detail(created)
                            + "\nSecret:  \(created.secret ?? "(the server sent none)")")
                } else {
                    try await client.printLines(opsline.lines(.createToken(token)), asArray: false)
                }
                TerminalOutput.error(
                    "warning: this is the only time the secret is shown; it cannot be retrieved "
                        + "again. Store it now.")
            }
        }
    }
}
