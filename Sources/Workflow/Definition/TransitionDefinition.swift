/// A named move from one or more states to another.
public struct TransitionDefinition: Sendable, Hashable {
    /// The transition's name, `[a-z][a-z0-9_]*`, e.g. `close`.
    public let name: String
    /// The states the transition may fire from.
    public let from: [String]
    /// Where the transition leads: one state or a choice.
    public let to: TransitionTarget
    /// What must hold for the transition to fire.
    public let guards: TransitionGuard
    /// An optional human label.
    public let title: String?
    /// Date fields set to the day the transition fires (`stamp: [rated_on]`), in the workflow's
    /// calendar: what a spawn's `dates:` or a deadline can count from.
    public var stamps: [String] = []

    /// Creates a transition definition.
    /// - Parameters:
    ///   - name: The transition's name.
    ///   - from: The states it may fire from.
    ///   - to: Where it leads.
    ///   - guards: What must hold for it to fire.
    ///   - title: An optional human label.
    public init(
        name: String,
        from: [String],
        to: TransitionTarget,
        guards: TransitionGuard = TransitionGuard(),
        title: String? = nil
    ) {
        self.name = name
        self.from = from
        self.to = to
        self.guards = guards
        self.title = title
    }
}
