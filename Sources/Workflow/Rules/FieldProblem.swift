/// What is wrong with one field of a task, e.g. `satisfaction`: "must be <= 5".
public struct FieldProblem: Sendable, Hashable {
    /// The field's name.
    public let field: String
    /// What is wrong, as a phrase that follows the field name: "is required", "expected int".
    public let problem: String

    /// Creates a field problem.
    /// - Parameters:
    ///   - field: The field's name.
    ///   - problem: What is wrong.
    public init(field: String, problem: String) {
        self.field = field
        self.problem = problem
    }
}

extension FieldProblem: Comparable {
    /// Orders problems by field name, then by problem text.
    public static func < (lhs: FieldProblem, rhs: FieldProblem) -> Bool {
        (lhs.field, lhs.problem) < (rhs.field, rhs.problem)
    }
}
