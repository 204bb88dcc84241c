extension WorkflowDefinition {
    /// Checks that a transition may fire and works out its outcome.
    ///
    /// The transition must exist and list `state` among its `from:` states. `changes` are
    /// validated like any field update and merged into `fields`; then every `require:` field must
    /// be non-null.
    ///
    /// Guards and targets that need the runtime (`roles:`, `when:`, `children: done`, choice
    /// targets) are loaded and validated but not enforced yet: a transition that has one is
    /// refused with ``RuleViolation/unenforcedGuard(transition:guard:)``, never fired unchecked.
    /// - Parameters:
    ///   - transition: The transition's name.
    ///   - state: The task's current state.
    ///   - fields: The task's current fields.
    ///   - changes: Field values set together with the transition (`null` removes one).
    /// - Returns: The plan to apply.
    /// - Throws: ``RuleViolation/unknownTransition(_:)``,
    ///   ``RuleViolation/transitionNotAllowed(transition:from:allowedFrom:)``,
    ///   ``RuleViolation/invalidFields(_:)`` or
    ///   ``RuleViolation/missingRequiredFields(transition:fields:)`` or
    ///   ``RuleViolation/unenforcedGuard(transition:guard:)``, checked in that order.
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
        let missing = definition.guards.require.filter { (merged[$0] ?? .null) == .null }
        guard missing.isEmpty else {
            throw .missingRequiredFields(transition: transition, fields: missing)
        }
        if let unenforced = definition.unenforcedGuard {
            throw .unenforcedGuard(transition: transition, guard: unenforced)
        }
        guard case .state(let target) = definition.to else {
            throw .unenforcedGuard(transition: transition, guard: "a choice target")
        }
        return TransitionPlan(
            transition: transition,
            from: state,
            to: target,
            fields: merged,
            entersFinalState: self.state(named: target)?.isFinal ?? false
        )
    }
}

extension TransitionDefinition {
    /// The first guard the rules cannot check yet, as a phrase ("a 'roles' guard"), or `nil`.
    fileprivate var unenforcedGuard: String? {
        if !guards.roles.isEmpty { return "a 'roles' guard" }
        if guards.when != nil { return "a 'when' guard" }
        if guards.requiresChildrenDone { return "a 'children: done' guard" }
        return nil
    }
}
