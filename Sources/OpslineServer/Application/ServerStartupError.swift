import Workflow

/// Why the server did not start. Each message says what to fix.
public enum ServerStartupError: Error, Sendable, CustomStringConvertible {
    /// `--listen` is not `host:port`.
    case badListenAddress(String)
    /// The workflows folder is missing or unreadable.
    case workflowsUnreadable(path: String, reason: String)
    /// A workflow file does not load.
    case invalidWorkflow(WorkflowLoadError)
    /// Two files define the same workflow name.
    case duplicateWorkflow(name: String, files: [String])
    /// A file the server must write (the admin token) could not be written.
    case cannotWrite(path: String)
    /// `calendars.yaml` has problems, each with its line.
    case invalidCalendars(CalendarLoadErrors)

    public var description: String {
        switch self {
        case .badListenAddress(let value): "--listen must be host:port, not '\(value)'"
        case .workflowsUnreadable(let path, let reason): "cannot read workflows from \(path): \(reason)"
        case .invalidWorkflow(let error): error.description
        case .duplicateWorkflow(let name, let files):
            "workflow '\(name)' is defined twice: \(files.joined(separator: " and "))"
        case .cannotWrite(let path): "cannot write \(path)"
        case .invalidCalendars(let errors): errors.description
        }
    }
}
