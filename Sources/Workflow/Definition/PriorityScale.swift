/// A workflow's priorities, most urgent first (`priority: {values: [p1, p2, p3, p4], default: p3}`):
/// the only values a task's priority may take, and the one a task gets when created without one.
public struct PriorityScale: Sendable, Hashable {
    /// The priorities, most urgent first.
    public let values: [String]
    /// The priority of a task created without one; `nil`: such a task has none.
    public let defaultValue: String?

    /// Creates a scale; `defaultValue` must be one of `values`.
    public init(values: [String], defaultValue: String? = nil) {
        self.values = values
        self.defaultValue = defaultValue
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
