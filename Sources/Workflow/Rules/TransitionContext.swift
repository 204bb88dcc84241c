/// What the rules need to know about a transition's firing beyond the task itself: who fires it
/// which of the task's children are still open, and what of its checklist is ticked.
public struct TransitionContext: Sendable, Hashable {
    /// The caller's role; `nil` when the system fires it (a timer, an escalation), which passes
    /// `roles:` guards.
    public var role: WorkflowRole?
    /// Ids of the task's children that are not in a final state (needed by `children: done`).
    public var openChildren: [String]
    /// The items of the current state's checklist that are ticked (needed by `checklist: done`).
    public var checkedItems: Set<String>
    /// Who fires the transition; `nil` for the system, which `not_by:` does not stop.
    public var actor: String?
    /// Who created the task (`created`) and who last fired each transition some `not_by:` names
    /// (needed by `not_by:`).
    public var signatures: [String: String] = [:]
    /// The current date in the workflow's calendar, which conditions (`when:`, choice branches)
    /// read as `today`: `when: "start_date <= today"`. `nil` reads as null.
    public var today: CalendarDay?

    /// The name conditions read the current date by; no field may take it.
    public static let todayName = "today"
    /// The name conditions read who fires the transition by (a user name, null for the system):
    /// `when: "actor == pricing_owner"`. No field may take it.
    public static let actorName = "actor"

    /// What conditions read besides the fields, with the types they check as, and why the name is
    /// taken: computed fields read neither (they would go stale).
    static let conditionNames: [(name: String, type: FieldType, meaning: String)] = [
        (todayName, .date, "the current date"), (actorName, .user, "who fires the transition"),
    ]

    /// The fields as conditions read them: with `today` and `actor`.
    func conditionFields(_ fields: [String: JSONValue]) -> [String: JSONValue] {
        var withContext = fields
        withContext[Self.todayName] = today.map { .string($0.description) }
        withContext[Self.actorName] = .some(actor.map(JSONValue.string) ?? .null)
        return withContext
    }

    /// Creates a context.
    /// - Parameters:
    ///   - role: The caller's role, or `nil` for the system.
    ///   - openChildren: Ids of the task's unfinished children.
    ///   - checkedItems: The ticked items of the current state's checklist.
    public init(role: WorkflowRole?, openChildren: [String] = [], checkedItems: Set<String> = []) {
        self.role = role
        self.openChildren = openChildren
        self.checkedItems = checkedItems
    }

    /// The system itself (timers and escalations): no role guard applies.
    public static let system = TransitionContext(role: nil)
}
