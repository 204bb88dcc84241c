/// A field whose value is looked up in a record: a task of another workflow that holds reference
/// data (`lookup: {take: tier, of: customer, by: customer}`: a complaint's tier is the tier of the
/// `customer` record whose `customer` field names the complaint's customer).
///
/// The server looks the record up in the same transaction whenever a task is created, its `by`
/// field changes or the looked-up field is set: the newest open record of workflow `of` whose `by`
/// field equals the task's gives its `take` field. With no such record the field keeps the value
/// the task gives it (or its default), so a customer not yet on file still gets one. A change to
/// the record later reaches the tasks opened after it: a task keeps the value it was opened, and
/// its SLA set, with.
public struct FieldLookup: Sendable, Hashable {
    /// The records' workflow, e.g. `customer`.
    public let workflow: String
    /// The records' field whose value the lookup takes, e.g. `tier`.
    public let field: String
    /// The field the task and the record share, e.g. `customer`.
    public let key: String
    /// The line of the `lookup:` key, for checks across files.
    let line: Int

    /// Creates a lookup.
    public init(workflow: String, field: String, key: String, line: Int = 0) {
        self.workflow = workflow
        self.field = field
        self.key = key
        self.line = line
    }
}
