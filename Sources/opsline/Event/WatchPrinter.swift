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
    private let headerPrinted = Mutex(false)

    /// Creates a printer for `output`.
    init(output: ClientOptions.OutputFormat) {
        self.output = output
    }

    /// Prints one update.
    /// - Throws: ``OutputError`` when standard output cannot be written, e.g. its reader has gone.
    func show(_ update: EventWatcher.Update) throws(OutputError) {
        switch update {
        case .event(let event, let text):
            switch output {
            case .table:
                try printHeaderOnce()
                try TerminalOutput.print(EventFeedView.row(event))
            case .ndjson:
                try TerminalOutput.print(text)
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
        let first = headerPrinted.withLock { printed in
            defer { printed = true }
            return !printed
        }
        if first { try TerminalOutput.print(EventFeedView.header) }
    }
}
