import Workflow

/// Why the server did not start. Each message says what to fix.
public enum ServerStartupError: Error, Sendable, CustomStringConvertible {
    /// `--listen` is not `host:port`.
    case badListenAddress(String)
    /// A file of the workflows folder (`calendars.yaml`) cannot be read.
    case workflowsUnreadable(path: String, reason: String)
    /// The workflows folder cannot be read, or its files do not load or do not agree.
    case invalidWorkflows(WorkflowLoadErrors)
    /// A file the server must write (the admin token) could not be written.
    case cannotWrite(path: String)
    /// `calendars.yaml` has problems, each with its line.
    case invalidCalendars(CalendarLoadErrors)
    /// `--tls-cert`/`--tls-key` cannot be served with (what is wrong, naming the file).
    case unusableTLSFile(String)

    /// What to fix; for workflows, one `file:line: message` per line, every problem listed.
    public var description: String {
        switch self {
        case .badListenAddress(let value): "--listen must be host:port, not '\(value)'"
        case .workflowsUnreadable(let path, let reason): "cannot read workflows from \(path): \(reason)"
        case .invalidWorkflows(let errors): errors.description
        case .cannotWrite(let path): "cannot write \(path)"
        case .invalidCalendars(let errors): errors.description
        case .unusableTLSFile(let reason): "TLS: \(reason)"
        }
    }
}
