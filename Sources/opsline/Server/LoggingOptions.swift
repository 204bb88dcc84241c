import ArgumentParser
import Logging
import OpslineServer

/// `opsline serve`'s log flags: the format of its one-line entries and the lowest level logged.
struct LoggingOptions: ParsableArguments {
    @Option(help: "How log entries are written, one line each: json or text. [env: OPSLINE_LOG_FORMAT]")
    var logFormat: String?

    @Option(
        help: """
            The lowest level logged: trace, debug, info, notice, warning, error or critical; \
            default info. [env: OPSLINE_LOG_LEVEL]
            """)
    var logLevel: String?

    /// The format (default `text`) and level (default `info`), from the flags or their
    /// environment twins.
    func settings(_ environment: [String: String]) throws -> (LogFormat, Logger.Level) {
        var format = LogFormat.text
        if let text = logFormat ?? environment["OPSLINE_LOG_FORMAT"] {
            guard let chosen = LogFormat(rawValue: text.lowercased()) else {
                throw ValidationError("--log-format must be json or text, not '\(text)'")
            }
            format = chosen
        }
        var level = Logger.Level.info
        if let text = logLevel ?? environment["OPSLINE_LOG_LEVEL"] {
            guard let chosen = Logger.Level(name: text) else {
                let names = Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")
                throw ValidationError("--log-level must be one of \(names), not '\(text)'")
            }
            level = chosen
        }
        return (format, level)
    }
}
