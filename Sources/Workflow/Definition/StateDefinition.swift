/// One state of a workflow.
public struct StateDefinition: Sendable, Hashable {
    /// The state's name, `[a-z][a-z0-9_]*`.
    public let name: String
    /// Whether new tasks start here; exactly one state is initial.
    public let isInitial: Bool
    /// Whether a task here is finished; final states have no outgoing transitions.
    public let isFinal: Bool
    /// An optional human label.
    public let title: String?

    /// Creates a state definition.
    /// - Parameters:
    ///   - name: The state's name.
    ///   - isInitial: Whether new tasks start here.
    ///   - isFinal: Whether a task here is finished.
    ///   - title: An optional human label.
    public init(name: String, isInitial: Bool = false, isFinal: Bool = false, title: String? = nil) {
        self.name = name
        self.isInitial = isInitial
        self.isFinal = isFinal
        self.title = title
    }
}
