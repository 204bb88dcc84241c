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
        /// One identifier per line (`CMP-42`; a token's id, a workflow's name), for `xargs`.
        case name
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

    @Option(
        help: ArgumentHelp(
            "PEM file of the certificate authorities to trust for an https server (default: $OPSLINE_CA_FILE, the system's).",
            valueName: "file"))
    var caFile: String?

    @Option(name: [.short, .long], help: "Output format: table, json, ndjson or name (one id per line).")
    var output: OutputFormat = .table

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

    /// How tables and times look for this command (``Presentation``).
    var presentation: Presentation {
        display.presentation(for: output)
    }
}

/// `--no-headers` and `--utc`: how a command's tables look, whatever it prints.
struct DisplayOptions: ParsableArguments {
    @Flag(help: "Leave tables' header lines out.")
    var noHeaders = false

    @Flag(help: "Show times in UTC rather than the local time zone ($TZ).")
    var utc = false

    /// The presentation for output in `format`: from these flags, the environment and the
    /// terminal standard output is (``OutputTerminal``).
    func presentation(for format: ClientOptions.OutputFormat) -> Presentation {
        OutputTerminal.presentation(table: format == .table, headers: !noHeaders, utc: utc)
    }
}
