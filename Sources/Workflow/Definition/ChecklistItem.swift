/// One item of a state's checklist (`checklist:`): something to tick while a task is in the
/// state, such as `cost_analysis` while a launch's pricing is prepared.
public struct ChecklistItem: Sendable, Hashable {
    /// The item's name, `[a-z][a-z0-9_]*`: what `opsline task check ID ITEM` names.
    public let name: String
    /// An optional human label, such as "Cost analysis signed off".
    public let title: String?

    /// Creates an item.
    public init(name: String, title: String? = nil) {
        self.name = name
        self.title = title
    }
}
