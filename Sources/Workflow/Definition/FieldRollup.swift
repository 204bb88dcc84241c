/// A field whose value is the sum of a number field over the task's children of one workflow
/// (`rollup: {sum: cost, of: resource-request}`): a campaign's spend from its resource requests'
/// costs, against its budget.
///
/// The server keeps it: whenever a child of that workflow is created or its field changes, the
/// parent's field is summed again in the same transaction. Clients cannot set it.
public struct FieldRollup: Sendable, Hashable {
    /// The children's workflow, e.g. `resource-request`.
    public let workflow: String
    /// The children's `int` or `decimal` field summed, e.g. `cost`.
    public let field: String
    /// The line of the `rollup:` key, for checks across files.
    let line: Int

    /// Creates a roll-up.
    public init(workflow: String, field: String, line: Int = 0) {
        self.workflow = workflow
        self.field = field
        self.line = line
    }
}
