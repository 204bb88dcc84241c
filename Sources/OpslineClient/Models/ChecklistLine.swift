import Foundation

/// The checklist of the state a task is in, as its task line carries it (`checklist`).
public struct ChecklistLine: Codable, Sendable, Hashable {
    /// The state whose checklist it is.
    public var state: String
    /// How many items are ticked.
    public var done: Int
    /// How many items there are.
    public var total: Int
    /// The items, in the workflow's order.
    public var items: [Item]

    /// One item, ticked or not.
    public struct Item: Codable, Sendable, Hashable {
        /// Its name, what `opsline task check` takes.
        public var item: String
        /// Its label, if the workflow gives one.
        public var title: String?
        /// Whether it is ticked.
        public var done: Bool
        /// Who ticked it.
        public var by: String?
        /// When (RFC 3339).
        public var at: String?
    }
}
