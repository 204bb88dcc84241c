/// A workflow's priorities, most urgent first (`priority: {values: [p1, p2, p3, p4], default: p3,
/// from: severity}`): the only values a task's priority may take, the one a task gets when created
/// without one, and the field it follows.
public struct PriorityScale: Sendable, Hashable {
    /// The priorities, most urgent first.
    public let values: [String]
    /// The priority of a task created without one; `nil`: such a task has none.
    public let defaultValue: String?
    /// An `enum` field whose values are all on the scale: a task created without a priority takes
    /// the field's value, and a change of the field sets the priority to its new value.
    public let field: String?

    /// Creates a scale; `defaultValue` must be one of `values`, and `field`'s values too.
    public init(values: [String], defaultValue: String? = nil, field: String? = nil) {
        self.values = values
        self.defaultValue = defaultValue
        self.field = field
    }

    /// The priority of a new task with `fields` and no priority of its own: the `from` field's
    /// value when it has one on the scale, else the default.
    public func initial(fields: [String: JSONValue]) -> String? {
        derived(from: fields) ?? defaultValue
    }

    /// The priority after the fields went from `old` to `new`: the `from` field's new value when
    /// the change touched that field (and it is on the scale), else nil (the priority stays).
    public func followed(from old: [String: JSONValue], to new: [String: JSONValue]) -> String? {
        guard let field, old[field] != new[field] else { return nil }
        return derived(from: new)
    }

    /// The priority the `from` field gives, if it is set to a value on the scale.
    public func derived(from fields: [String: JSONValue]) -> String? {
        guard let field, case .string(let value)? = fields[field], contains(value) else { return nil }
        return value
    }

    /// Whether `priority` is on the scale.
    public func contains(_ priority: String) -> Bool {
        values.contains(priority)
    }

    /// One step more urgent: the value before `priority`, the most urgent staying as it is. A
    /// task without a priority, or with one from before the scale, keeps it (give the scale a
    /// `default` so that every new task has one to raise).
    public func raised(_ priority: String?) -> String? {
        guard let priority, let index = values.firstIndex(of: priority) else { return priority }
        return values[max(0, index - 1)]
    }

    /// Why `priority` cannot be a task's priority, or nil when it can.
    public func problem(_ priority: String) -> String? {
        guard !contains(priority) else { return nil }
        return "'\(priority)' is not a priority of this workflow; use one of \(values.joined(separator: ", "))"
    }
}
