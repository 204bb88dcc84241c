import ArgumentParser
import OpslineClient

/// The options of `opsline event post`: like ``ClientOptions``, but the output defaults to
/// `ndjson`, since the command's answer is lines that scripts read as they arrive.
struct EventOutputOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "The server's URL (default: $OPSLINE_URL, the config file, http://127.0.0.1:8080).",
            valueName: "url"))
    var server: String?

    @Option(
        help: ArgumentHelp(
            "The bearer token (default: $OPSLINE_TOKEN, the config file).", valueName: "token"))
    var token: String?

    @Option(
        help: ArgumentHelp(
            "PEM file of the certificate authorities to trust for an https server (default: $OPSLINE_CA_FILE, the system's).",
            valueName: "file"))
    var caFile: String?

    @Option(
        name: [.short, .long], help: "Output format: ndjson, table, json or name (each created or changed task's id).")
    var output: ClientOptions.OutputFormat = .ndjson

    @OptionGroup var display: DisplayOptions

    func validate() throws {
        if let server {
            do {
                _ = try ClientConfiguration(serverURL: server)
            } catch {
                throw ValidationError("--server: \(error.message)")
            }
        }
    }

    /// Runs `body` with a client for the configured server, under the command's ``Presentation``,
    /// and returns what it returns; when
    /// anything fails, ends the process the way ``ExitStatus`` says: the message on standard
    /// error and its exit code.
    func withClient<Value: Sendable>(_ body: (OpslineClient) async throws -> Value) async throws -> Value {
        try await Presentation.$current.withValue(display.presentation(for: output)) {
            try await ClientOptions.withClient(server: server, token: token, caFile: caFile, body)
        }
    }
}
