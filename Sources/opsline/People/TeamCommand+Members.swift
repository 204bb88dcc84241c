import ArgumentParser
import OpslineClient

extension TeamCommand {
    /// `opsline team add TEAM USER [--role member]`
    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a user to a team, or change their role there.",
            discussion: "Admins, and the team's managers. The user's tokens act with the new role at once.")

        @Argument(help: "The team's name.")
        var team: String

        @Argument(help: "The user's login.")
        var user: String

        @Option(help: "manager, member or viewer.")
        var role = "member"

        @OptionGroup var client: ClientOptions

        func run() async throws {
            try await client.withClient { opsline in
                guard client.output == .table else {
                    return try await client.printLines(
                        opsline.lines(.setMember(team: team, user: user, role: role)), asArray: false, name: "user")
                }
                let member = try await opsline.setMember(team: team, user: user, role: role)
                try TerminalOutput.print("\(member.user) is now \(member.role) of team \(member.team).\n")
            }
        }
    }

    /// `opsline team remove TEAM USER`
    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Take a user out of a team.",
            discussion: """
                Admins, and the team's managers. The user's tokens lose the team at once; tasks \
                already assigned to them stay so. A user who is not in the team exits with 4.
                """)

        @Argument(help: "The team's name.")
        var team: String

        @Argument(help: "The user's login.")
        var user: String

        @OptionGroup var client: ClientOptions

        func run() async throws {
            try await client.withClient { opsline in
                guard client.output == .table else {
                    return try await client.printLines(
                        opsline.lines(.removeMember(team: team, user: user)), asArray: false, name: "user")
                }
                let member = try await opsline.removeMember(team: team, user: user)
                try TerminalOutput.print("Removed \(member.user) (\(member.role)) from team \(member.team).\n")
            }
        }
    }
}
