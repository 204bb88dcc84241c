import ArgumentParser
import OpslineClient

extension UserCommand {
    /// `opsline user disable NAME`
    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Disable a user (needs an admin token): their tokens stop working at once.",
            discussion: """
                No task can be assigned to a disabled user, and their followed event streams \
                end. Disabling a disabled user changes nothing. 'opsline user enable' undoes it.
                """)

        @Argument(help: "The user's login.")
        var name: String

        @OptionGroup var client: ClientOptions

        func run() async throws {
            try await client.withClient { opsline in
                try await client.printUser(.disableUser(name: name), with: opsline) { "Disabled user \($0.name)." }
            }
        }
    }

    /// `opsline user enable NAME`
    struct Enable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Enable a disabled user again (needs an admin token).",
            discussion: "Their tokens that are neither revoked nor expired work again.")

        @Argument(help: "The user's login.")
        var name: String

        @OptionGroup var client: ClientOptions

        func run() async throws {
            try await client.withClient { opsline in
                try await client.printUser(.enableUser(name: name), with: opsline) { "Enabled user \($0.name)." }
            }
        }
    }
}
