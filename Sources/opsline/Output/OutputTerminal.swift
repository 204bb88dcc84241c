import Foundation
import OpslineClient

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What standard output is, for the ``Presentation`` of a command: a terminal (how wide), or a
/// file or pipe.
enum OutputTerminal {
    /// Whether standard output is a terminal.
    static var isTerminal: Bool {
        isatty(STDOUT_FILENO) == 1
    }

    /// The terminal's width in columns, from `TIOCGWINSZ`; `nil` when standard output is no
    /// terminal or does not say.
    static var columns: Int? {
        guard isTerminal else { return nil }
        var size = winsize()
        let result = withUnsafeMutablePointer(to: &size) { ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), $0) }
        guard result == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }

    /// The presentation for this process: `COLUMNS` or the terminal's width, colour only for
    /// tables on a terminal without `NO_COLOR`, times in `TZ` unless `utc`.
    static func presentation(table: Bool, headers: Bool, utc: Bool) -> Presentation {
        let environment = ProcessInfo.processInfo.environment
        return Presentation(
            width: Presentation.width(environment: environment, terminalColumns: columns), headers: headers,
            colour: Presentation.usesColour(table: table, terminal: isTerminal, environment: environment),
            timeZone: Presentation.timeZone(utc: utc, environment: environment))
    }
}
