/// A syntax or type error in a workflow expression, such as `unknown field 'scor'`.
///
/// The column points into the expression text so the workflow loader can turn it into
/// `file:line:col`. It is 1-based and counts Unicode scalars (a tab or a newline counts as one),
/// the same unit YAML marks use.
public struct ExpressionError: Error, Sendable, Hashable {
    /// What is wrong, in a workflow author's words, e.g. `unknown field 'scor'`.
    public let message: String
    /// The 1-based column in the expression text where the problem starts.
    public let column: Int

    /// Creates an error.
    /// - Parameters:
    ///   - message: What is wrong, in a workflow author's words.
    ///   - column: The 1-based column in the expression text where the problem starts.
    public init(_ message: String, column: Int) {
        self.message = message
        self.column = column
    }
}

extension ExpressionError: CustomStringConvertible {
    /// The error as `column 7: unknown field 'scor'`.
    public var description: String {
        "column \(column): \(message)"
    }
}
