import ArgumentParser
import OpslineClient

/// The options every command that talks to the server shares: where, as whom, and how to print.
struct ClientOptions: ParsableArguments {
    /// How a command prints what the server answered.
    enum OutputFormat: String, CaseIterable, ExpressibleByArgument {
        /// Aligned columns for people.
        case table
        /// One indented JSON document.
        case json
        /// The server's lines, one compact JSON object per line.
        case ndjson
    }

    @Option(
        help: ArgumentHelp(
            "The server's URL (default: $OPSLINE_URL, the config file, http://127.0.0.1:8080).",
            valueName: "url"))
    var server: String?

    @Option(
        help: ArgumentHelp(
            "The bearer token (default: $OPSLINE_TOKEN, the config file).", valueName: "token"))
    var token: String?

    @Option(name: [.short, .long], help: "Output format: table, json or ndjson.")
    var output: OutputFormat = .table

    func validate() throws {
        if let server {
            do {
                _ = try ClientConfiguration(serverURL: server)
            } catch {
                throw ValidationError("--server: \(error.message)")
            }
        }
    }
}
