import ArgumentParser
import OpslineClient

/// `opsline team`: teams and their members.
struct TeamCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "team",
        abstract: "Create, list and show teams; add and remove their members.",
        discussion: """
            Tasks belong to a team; a user has one role in each of their teams: manager, member \
            or viewer. Admins create teams; admins and a team's managers add, change and remove \
            its members. Publishing a workflow creates the teams it names.

            Output (-o): 'table' for people, 'json' for one JSON document, 'ndjson' for the \
            server's lines as they are, one JSON object per line.

            \(ExitStatus.helpText)
            """,
        subcommands: [Create.self, List.self, Show.self, Add.self, Remove.self]
    )
}

extension TeamCommand {
    /// `opsline team create NAME [--title T]`
    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a team (needs an admin token).")

        @Argument(help: "The team's name: a-z, 0-9 and '-', such as support-l2.")
        var name: String

        @Option(help: ArgumentHelp("A human title, such as \"Customer support\".", valueName: "title"))
        var title: String?

        @OptionGroup var client: ClientOptions

        func run() async throws {
            try await client.withClient { opsline in
                guard client.output == .table else {
                    return try await client.printLines(
                        opsline.lines(.createTeam(name: name, title: title)), asArray: false, name: "name")
                }
                let team = try await opsline.createTeam(name: name, title: title)
                try TerminalOutput.print("Created team \(team.name).\n\n" + TeamListView.detail(team))
            }
        }
    }

    /// `opsline team list`
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the teams you may see, by name.",
            discussion: "Admins see every team; everyone else their own.")

        @OptionGroup var client: ClientOptions

        func run() async throws {
            try await client.withClient { opsline in
                guard client.output == .table else {
                    return try await client.printLines(opsline.lines(.listTeams()), asArray: true, name: "name")
                }
                try TerminalOutput.print(TeamListView.render(try await opsline.listTeams().collect()))
            }
        }
    }

    /// `opsline team show NAME`
    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a team and its members with their roles.",
            discussion: "A team you are not in exits with 4, as one that does not exist (admins see every team).")

        @Argument(help: "The team's name.")
        var name: String

        @OptionGroup var client: ClientOptions

        func run() async throws {
            try await client.withClient { opsline in
                guard client.output == .table else {
                    return try await client.printLines(opsline.lines(.team(name: name)), asArray: false, name: "name")
                }
                try TerminalOutput.print(TeamListView.detail(try await opsline.team(name: name)))
            }
        }
    }
}
