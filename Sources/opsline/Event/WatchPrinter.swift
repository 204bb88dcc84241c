import Foundation
import OpslineClient
import Synchronization
import Workflow

/// Prints what `opsline watch` receives: events on standard output in the chosen format,
/// reconnection notes on standard error, heartbeats nowhere.
///
/// The table's header is printed with the first event or heartbeat, so a watch whose first
/// connection fails prints only the error.
final class WatchPrinter: Sendable {
    private let output: ClientOptions.OutputFormat
    private let presentation: Presentation
    /// Whether the header is still to be printed: `false` from the start with `--no-headers`.
    private let headerDue: Mutex<Bool>

    /// Creates a printer for `output`, whose table looks as `presentation` says.
    init(output: ClientOptions.OutputFormat, presentation: Presentation) {
        self.output = output
        self.presentation = presentation
        headerDue = Mutex(presentation.headers)
    }

    /// Prints one update.
    /// - Throws: ``OutputError`` when standard output cannot be written, e.g. its reader has gone.
    func show(_ update: EventWatcher.Update) throws(OutputError) {
        switch update {
        case .event(let event, let text):
            switch output {
            case .table:
                try printHeaderOnce()
                try TerminalOutput.print(Presentation.$current.withValue(presentation) { EventFeedView.row(event) })
            case .ndjson:
                try TerminalOutput.print(text)
            case .name:
                try TerminalOutput.print(event.task)
            case .json:
                try TerminalOutput.print(JSONValue(parsing: text)?.prettyText ?? text)
            }
        case .heartbeat:
            if output == .table { try printHeaderOnce() }
        case .disconnected(let error, let delay):
            let seconds = Double(delay.components.seconds) + Double(delay.components.attoseconds) / 1e18
            TerminalOutput.error("watch: \(error); reconnecting in \(String(format: "%.1f", seconds))s")
        }
    }

    private func printHeaderOnce() throws(OutputError) {
        let first = headerDue.withLock { due in
            defer { due = false }
            return due
        }
        if first { try TerminalOutput.print(Presentation.$current.withValue(presentation) { EventFeedView.header }) }
    }
}
