import ArgumentParser
import OpslineClient

extension TokenCommand {
    /// `opsline token create --name N --role R --team T… [--expires-in 30d | --expires-at T]`, or
    /// `opsline token create --user U [--name N] […]` for a personal token
    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a token and print its secret, once.",
            discussion: """
                A service token (--role and --team) has its own role over its own teams. A \
                personal token (--user) acts as that user, with the user's role in each of the \
                user's teams as they are when it is used; it stops working while the user is \
                disabled. Admins create any token; a user may create personal tokens for \
                themselves.

                The secret is printed on standard output (with -o json or ndjson, as the \
                'secret' member of the token) and is never shown again: store it now.
                """)

        @Option(
            help:
                "Who or what the token is for, such as crm-bridge or alice-laptop (default with --user: the user's name)."
        )
        var name: String?

        @Option(help: "admin, manager, member, service or viewer (a service token).")
        var role: String?

        @Option(help: ArgumentHelp("Make a personal token acting as this user.", valueName: "user"))
        var user: String?

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
            if user != nil {
                guard role == nil, teams.isEmpty else {
                    throw ValidationError(
                        "--user makes a personal token, which has its user's roles: leave out --role and --team")
                }
            } else {
                guard name != nil else { throw ValidationError("Missing expected argument '--name <name>'") }
                guard role != nil else {
                    throw ValidationError("Missing expected argument '--role <role>' (or --user)")
                }
            }
            do {
                _ = try TokenExpiry.date(expiresIn: expiresIn, expiresAt: expiresAt)
            } catch {
                throw ValidationError(error.message)
            }
        }

        func run() async throws {
            let expiry = try TokenExpiry.date(expiresIn: expiresIn, expiresAt: expiresAt)
            let token =
                if let user {
                    NewToken(name: name, user: user, expiresAt: expiry)
                } else {
                    NewToken(name: name ?? "", role: role ?? "", teams: teams, expiresAt: expiry)
                }
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
