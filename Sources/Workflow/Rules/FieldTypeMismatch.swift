/// Why a value does not fit a field type, as a phrase such as "expected int".
struct FieldTypeMismatch: Error, Sendable, Hashable, ExpressibleByStringInterpolation {
    /// The phrase.
    let problem: String

    init(_ problem: String) {
        self.problem = problem
    }

    init(stringLiteral value: String) {
        self.problem = value
    }
}
