/// Every problem found in a calendars file (`workflows/calendars.yaml`), in line order.
///
/// Renders one `file:line: message` per line, so that a reviewer sees all of them at once.
public struct CalendarLoadErrors: Error, Sendable, Hashable, CustomStringConvertible {
    /// The problems, by line (problems on one line keep the order they were found in).
    public let errors: [WorkflowLoadError]

    /// Collects problems, sorting them by line.
    /// - Parameter errors: The problems; there should be at least one.
    public init(_ errors: [WorkflowLoadError]) {
        self.errors = errors.enumerated()
            .sorted { ($0.element.line, $0.offset) < ($1.element.line, $1.offset) }
            .map(\.element)
    }

    /// One `file:line: message` per line.
    public var description: String {
        errors.map(\.description).joined(separator: "\n")
    }
}
