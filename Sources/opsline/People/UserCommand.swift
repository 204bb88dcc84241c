import ArgumentParser
import OpslineClient

/// `opsline user`: the people who sign in with personal tokens and are assigned tasks.
struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "Create, list, show, disable and enable users.",
        discussion: """
            A user has a role in each of their teams: manager (everything on the team's tasks, \
            and its members), member (create, change and move the team's tasks; be assigned \
            them) or viewer (read them). Admins (--admin) do everything. Give a user a personal \
            token with 'opsline token create --user NAME'; manage memberships with 'opsline team \
            add' and 'opsline team remove'.

            Admins create, disable and enable users; everyone lists and shows the users of \
            their own teams.

            Output (-o): 'table' for people, 'json' for one JSON document, 'ndjson' for the \
            server's lines as they are, one JSON object per line.

            \(ExitStatus.helpText)
            """,
        subcommands: [Create.self, List.self, Show.self, Disable.self, Enable.self, Passwd.self]
    )
}

extension UserCommand {
    /// `opsline user create NAME [--display-name …] [--email …] [--chat svc=id]… [--team t=role]… [--admin]`
    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a user (needs an admin token).",
            discussion: "The teams named by --team must exist ('opsline team create').")

        @Argument(help: "The login, such as alice: letters, digits, '.', '_', '@' and '-'.")
        var name: String

        @Option(
            help: ArgumentHelp("The name people read, such as \"Alice Wang\" (default: the login).", valueName: "name"))
        var displayName: String?

        @Option(help: ArgumentHelp("The e-mail address notifications go to.", valueName: "address"))
        var email: String?

        @Option(
            name: .customLong("chat"),
            help: ArgumentHelp(
                "A chat id for notifications, such as wecom=alice.wang (repeatable).", valueName: "service=id"))
        var chat: [String] = []

        @Option(
            name: .customLong("team"),
            help: ArgumentHelp("A role in a team, such as support=member (repeatable).", valueName: "team=role"))
        var teams: [String] = []

        @Flag(help: "Make the user a site admin.")
        var admin = false

        @OptionGroup var client: ClientOptions

        func validate() throws {
            _ = try KeyValueArgument.parse(chat, option: "--chat", example: "wecom=alice.wang")
            _ = try KeyValueArgument.parse(teams, option: "--team", example: "support=member")
        }

        func run() async throws {
            let user = NewUser(
                name: name, displayName: displayName, email: email,
                chat: try KeyValueArgument.parse(chat, option: "--chat", example: "wecom=alice.wang"),
                teams: try KeyValueArgument.parse(teams, option: "--team", example: "support=member"), admin: admin)
            try await client.withClient { opsline in
                try await client.printUser(.createUser(user), with: opsline) { "Created user \($0.name)." }
            }
        }
    }
}
