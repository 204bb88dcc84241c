extension WorkflowDefinition {
    /// Checks that a transition may fire and works out its outcome.
    ///
    /// The transition must exist and list `state` among its `from:` states. `changes` are
    /// validated like any field update and merged into `fields`; then every `require:` field must
    /// be non-null.
    /// - Parameters:
    ///   - transition: The transition's name.
    ///   - state: The task's current state.
    ///   - fields: The task's current fields.
    ///   - changes: Field values set together with the transition (`null` removes one).
    /// - Returns: The plan to apply.
    /// - Throws: ``RuleViolation/unknownTransition(_:)``,
    ///   ``RuleViolation/transitionNotAllowed(transition:from:allowedFrom:)``,
    ///   ``RuleViolation/invalidFields(_:)`` or
    ///   ``RuleViolation/missingRequiredFields(transition:fields:)``, checked in that order.
    public func planTransition(
        _ transition: String,
        from state: String,
        fields: [String: JSONValue],
        changes: [String: JSONValue]
    ) throws(RuleViolation) -> TransitionPlan {
        guard let definition = self.transition(named: transition) else {
            throw .unknownTransition(transition)
        }
        guard definition.from.contains(state) else {
            throw .transitionNotAllowed(transition: transition, from: state, allowedFrom: definition.from)
        }
        let merged = try applyFieldChanges(changes, to: fields)
        let missing = definition.require.filter { (merged[$0] ?? .null) == .null }
        guard missing.isEmpty else {
            throw .missingRequiredFields(transition: transition, fields: missing)
        }
        return TransitionPlan(
            transition: transition,
            from: state,
            to: definition.to,
            fields: merged,
            entersFinalState: self.state(named: definition.to)?.isFinal ?? false
        )
    }
}
