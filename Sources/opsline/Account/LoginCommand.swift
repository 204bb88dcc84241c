import ArgumentParser
import Foundation
import OpslineClient

/// `opsline login --server URL [--token T]`: checks a token and saves it for later commands.
struct LoginCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "login",
        abstract: "Check a token against a server and save both in the config file.",
        discussion: """
            Without --token, the token is read from standard input (typed without echo at a \
            terminal, or piped: `opsline login --server URL < token-file`), so it stays out of \
            the shell history. The token is checked with the server first; only a token the \
            server accepts is saved, to $XDG_CONFIG_HOME/opsline/config.yaml (default \
            ~/.config/opsline/config.yaml), with mode 0600. Later commands use it unless \
            --server/--token or OPSLINE_URL/OPSLINE_TOKEN say otherwise.

            \(ExitStatus.helpText)
            """)

    @Option(help: ArgumentHelp("The server's URL, such as https://opsline.example.com.", valueName: "url"))
    var server: String

    @Option(help: ArgumentHelp("The token (default: read from standard input).", valueName: "token"))
    var token: String?

    @Option(
        help: ArgumentHelp(
            "PEM file of the certificate authorities to trust for an https server (default: $OPSLINE_CA_FILE, the system's).",
            valueName: "file"))
    var caFile: String?

    func validate() throws {
        do {
            _ = try ClientConfiguration(serverURL: server)
        } catch {
            throw ValidationError("--server: \(error.message)")
        }
        if let token, token.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("--token must not be empty")
        }
    }

    func run() async throws {
        guard let secret = token ?? SecretInput.read(prompt: "Token for \(server): ") else {
            throw ValidationError("no token: pass --token, or give it on standard input")
        }
        let greeting: String
        do {
            let caFile = [caFile, ProcessInfo.processInfo.environment["OPSLINE_CA_FILE"]].compactMap { $0 }
                .first { !$0.isEmpty }
            let configuration = try ClientConfiguration(serverURL: server, token: secret, caFile: caFile)
            let caller = try await OpslineClient.withClient(configuration: configuration) { try await $0.me() }
            guard let path = ConfigFile.path(environment: ProcessInfo.processInfo.environment) else {
                throw ConfigurationError("neither XDG_CONFIG_HOME nor HOME is set: nowhere to save the token")
            }
            try ConfigFile(server: configuration.serverURL, token: secret).write(to: path)
            let teams = caller.teams.isEmpty ? "" : ", teams \(caller.teams.joined(separator: ","))"
            greeting =
                "Logged in to \(configuration.serverURL) as \(caller.name) (\(caller.role)\(teams)).\n"
                + "Saved the server and token to \(path)."
        } catch {
            let status = Self.status(for: error, server: server)
            TerminalOutput.error(status.message)
            throw ExitCode(status.code)
        }
        try TerminalOutput.print(greeting)
    }

    /// How a failed login ends: a refused token and an unreachable server say so in words, and
    /// that nothing was saved.
    static func status(for error: any Error, server: String) -> ExitStatus {
        switch error as? ClientError {
        case .server(let status, let code, let message, _)? where status == 401:
            return ExitStatus(
                code: ExitStatus.unauthorized,
                message: "error: the server at \(server) refused the token (\(status) \(code)): \(message)\n"
                    + "hint: check that the token was copied whole, or ask an admin for a new one "
                    + "(`opsline token create`); nothing was saved")
        case .connection(let message)?:
            return ExitStatus(
                code: ExitStatus.unavailable,
                message: "error: \(message)\nhint: check the URL given to --server and that the server runs; "
                    + "nothing was saved")
        default:
            return ExitStatus(for: error)
        }
    }
}
