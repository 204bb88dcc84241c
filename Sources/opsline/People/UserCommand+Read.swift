import ArgumentParser
import OpslineClient

extension UserCommand {
    /// `opsline user list [--team T]`
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the users you may see, by name.",
            discussion: "Admins see every user; everyone else the users of their own teams.")

        @Option(help: ArgumentHelp("Only the members of this team.", valueName: "team"))
        var team: String?

        @OptionGroup var client: ClientOptions

        func run() async throws {
            try await client.withClient { opsline in
                guard client.output == .table else {
                    return try await client.printLines(
                        opsline.lines(.listUsers(team: team)), asArray: true, name: "name")
                }
                try TerminalOutput.print(UserListView.render(try await opsline.listUsers(team: team).collect()))
            }
        }
    }

    /// `opsline user show NAME`
    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a user: names, e-mail, chat ids, teams and roles, status.",
            discussion: "A user you may not see exits with 4, as one that does not exist.")

        @Argument(help: "The user's login.")
        var name: String

        @OptionGroup var client: ClientOptions

        func run() async throws {
            try await client.withClient { opsline in try await client.printUser(.user(name: name), with: opsline) }
        }
    }
}
