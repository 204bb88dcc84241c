/// A named move from one or more states to another.
public struct TransitionDefinition: Sendable, Hashable {
    /// The transition's name, `[a-z][a-z0-9_]*`, e.g. `close`.
    public let name: String
    /// The states the transition may fire from.
    public let from: [String]
    /// The state the transition leads to.
    public let to: String
    /// Fields that must be non-null once the transition's changes are applied.
    public let require: [String]
    /// An optional human label.
    public let title: String?

    /// Creates a transition definition.
    /// - Parameters:
    ///   - name: The transition's name.
    ///   - from: The states it may fire from.
    ///   - to: The state it leads to.
    ///   - require: Fields that must be set for it to fire.
    ///   - title: An optional human label.
    public init(
        name: String, from: [String], to: String, require: [String] = [], title: String? = nil
    ) {
        self.name = name
        self.from = from
        self.to = to
        self.require = require
        self.title = title
    }
}
