extension WorkflowDefinition {
    /// The fields frozen while a task is in `state` (its `locked_fields:`).
    /// - Parameter state: The state's name.
    /// - Returns: The locked fields, in file order; none for an unknown state.
    public func lockedFields(in state: String) -> [String] {
        self.state(named: state)?.lockedFields ?? []
    }

    /// Validates a field update of a task in `state` and merges it into the task's fields, like
    /// ``applyFieldChanges(_:to:)``, then refuses it when it changes a field the state locks.
    ///
    /// Giving a locked field the value it already has is no change and passes, so a client may
    /// send back a whole form.
    /// - Parameters:
    ///   - changes: The new values, by field name.
    ///   - fields: The task's current fields.
    ///   - state: The task's state.
    /// - Returns: The merged fields.
    /// - Throws: ``RuleViolation/invalidFields(_:)``, then
    ///   ``RuleViolation/lockedFields(state:fields:unlockedBy:)``.
    public func applyFieldChanges(
        _ changes: [String: JSONValue],
        to fields: [String: JSONValue],
        inState state: String
    ) throws(RuleViolation) -> [String: JSONValue] {
        let merged = try applyFieldChanges(changes, to: fields)
        let changed = changedLockedFields(from: fields, to: merged, in: state)
        guard changed.isEmpty else {
            throw .lockedFields(state: state, fields: changed, unlockedBy: transitionsUnlocking(changed, from: state))
        }
        return merged
    }

    /// The fields `state` locks whose values differ between `before` and `after`, by name. A
    /// number written another way (`380000.0` for `380000`) is the same value.
    func changedLockedFields(
        from before: [String: JSONValue], to after: [String: JSONValue], in state: String
    ) -> [String] {
        lockedFields(in: state).filter { field in
            let (old, new) = (before[field], after[field])
            if let old = old?.doubleValue, let new = new?.doubleValue { return old != new }
            return old != new
        }.sorted()
    }

    /// Whether `transition` may change `field` although its `from` state locks it: it requires
    /// the field (it is the way to change it), or it leads to `to`, which does not lock it.
    func transition(_ transition: TransitionDefinition, unlocks field: String, into to: String) -> Bool {
        transition.guards.require.contains(field) || !lockedFields(in: to).contains(field)
    }

    /// The transitions from `state` that are a way to change every one of `fields`, in the
    /// workflow's order: those that require them, or that may lead to a state that does not lock
    /// them and is not final (ending the task is no way to edit it).
    func transitionsUnlocking(_ fields: [String], from state: String) -> [String] {
        transitions.filter { transition in
            guard transition.from.contains(state) else { return false }
            return fields.allSatisfy { field in
                transition.to.states.contains { target in
                    self.transition(transition, unlocks: field, into: target)
                        && (transition.guards.require.contains(field) || self.state(named: target)?.isFinal != true)
                }
            }
        }.map(\.name)
    }
}
