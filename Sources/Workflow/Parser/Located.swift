/// A parsed value and the line it was declared on, for checks that come after parsing.
struct Located<Value> {
    /// The parsed value.
    let value: Value
    /// The 1-based line of its declaration.
    let line: Int
}
