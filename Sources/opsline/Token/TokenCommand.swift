import ArgumentParser
import OpslineClient

/// `opsline token`: create, list and revoke API tokens (admin tokens only).
struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Create, list and revoke API tokens (needs an admin token).",
        discussion: """
            Roles: admin (everything), manager (everything on their teams' tasks), member \
            (create and move their teams' tasks), service (create and read their teams' tasks), \
            viewer (read their teams' tasks). Every role but admin needs at least one --team.

            A personal token ('token create --user NAME') has no role or teams of its own: it \
            acts as its user, with the user's role in each of the user's teams ('opsline user', \
            'opsline team'). A user may create personal tokens for themselves.

            Secrets are stored hashed: a token's secret is printed once, by 'token create', and \
            cannot be shown again.

            \(OutputHelp.text(names: "token id"))

            \(ExitStatus.helpText)
            """,
        subcommands: [Create.self, List.self, Revoke.self]
    )
}
