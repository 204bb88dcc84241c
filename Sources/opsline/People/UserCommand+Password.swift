import ArgumentParser
import OpslineClient

extension UserCommand {
    /// `opsline user passwd NAME [--current]`
    struct Passwd: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "passwd",
            abstract: "Set a user's password for the dashboard (/ui).",
            discussion: """
                Admins set anyone's password; a user sets their own, with --current when they \
                have one. The password is never an argument: it is typed at a prompt that does \
                not echo (twice), or read from standard input — the first line (with --current, \
                the first line is the current password and the second the new one). 8 to 72 \
                bytes. Setting it signs out the dashboard sessions signed in with the old one.
                """)

        @Argument(help: "The user's login.")
        var name: String

        @Flag(help: "Ask for the current password first (needed to change your own, unless you are an admin).")
        var current = false

        @OptionGroup var client: ClientOptions

        func run() async throws {
            let currentPassword = try current ? Self.secret("Current password: ") : nil
            let password = try Self.secret("New password for \(name): ")
            if SecretInput.isTerminal, try Self.secret("Again: ") != password {
                throw ValidationError("the two passwords differ; nothing changed")
            }
            try await client.withClient { opsline in
                try await client.printUser(
                    .setPassword(name: name, password: password, current: currentPassword), with: opsline
                ) { "Set the password of \($0.name)." }
            }
        }

        private static func secret(_ prompt: String) throws -> String {
            guard let secret = SecretInput.read(prompt: prompt, trimming: false) else {
                throw ValidationError("no password given: type it at the prompt or pipe it to standard input")
            }
            return secret
        }
    }
}
