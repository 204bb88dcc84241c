/// Why a workflow file does not load, with the line to look at.
///
/// Rendered as `workflows/risk-review.yaml:23: transition 'approve' goes to unknown state 'aproved'`.
public struct WorkflowLoadError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file, as passed to ``WorkflowParser/parse(_:file:)``.
    public let file: String
    /// The 1-based line of the offending node.
    public let line: Int
    /// What is wrong, without the location.
    public let message: String

    /// Creates a load error.
    /// - Parameters:
    ///   - file: The file the error is in.
    ///   - line: The 1-based line of the offending node.
    ///   - message: What is wrong.
    public init(file: String, line: Int, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    /// `file:line: message`, the form editors and CI logs link to.
    public var description: String {
        "\(file):\(line): \(message)"
    }
}
