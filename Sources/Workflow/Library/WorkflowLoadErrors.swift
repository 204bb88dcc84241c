/// Every problem found in a folder of workflow files, in file and line order.
///
/// Renders one `file:line: message` per line, the way `opsline workflow check` prints them.
public struct WorkflowLoadErrors: Error, Sendable, Hashable, CustomStringConvertible {
    /// The problems, sorted by file, then line.
    public let errors: [WorkflowLoadError]

    /// Collects problems, sorting them by file, then line (keeping the order of problems on one line).
    /// - Parameter errors: The problems.
    public init(_ errors: [WorkflowLoadError]) {
        self.errors = errors.enumerated()
            .sorted { ($0.element.file, $0.element.line, $0.offset) < ($1.element.file, $1.element.line, $1.offset) }
            .map(\.element)
    }

    /// One `file:line: message` per line.
    public var description: String {
        errors.map(\.description).joined(separator: "\n")
    }
}
