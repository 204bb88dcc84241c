extension WorkflowDefinition {
    /// Checks that a transition may fire and works out its outcome.
    ///
    /// In order: the transition must exist and list `state` among its `from:` states; the
    /// caller's role must be among its `roles:` (admins and the system always are); `changes` are
    /// validated like any field update and merged into `fields`, and computed fields evaluated;
    /// every `require:` field must then be non-null, the `when:` condition true, every child
    /// finished when it says `children: done`, and every item of the state's checklist ticked
    /// when it says `checklist: done`. The target is its state, or the first choice
    /// branch whose condition holds on the new fields. Last, a field that `state` locks may
    /// change only when the transition requires it or the target does not lock it.
    /// - Parameters:
    ///   - transition: The transition's name.
    ///   - state: The task's current state.
    ///   - fields: The task's current fields.
    ///   - changes: Field values set together with the transition (`null` removes one).
    ///   - context: Who fires it, and the task's unfinished children.
    /// - Returns: The plan to apply.
    /// - Throws: ``RuleViolation/unknownTransition(_:hint:)``,
    ///   ``RuleViolation/transitionNotAllowed(transition:from:allowedFrom:hint:)``,
    ///   ``RuleViolation/roleNotAllowed(transition:role:allowed:)``,
    ///   ``RuleViolation/invalidFields(_:)``,
    ///   ``RuleViolation/missingRequiredFields(transition:fields:)``,
    ///   ``RuleViolation/conditionNotMet(transition:condition:)``,
    ///   ``RuleViolation/childrenNotDone(transition:open:)``,
    ///   ``RuleViolation/checklistNotDone(transition:state:open:)`` or
    ///   ``RuleViolation/lockedFields(state:fields:unlockedBy:)``, checked in that order.
    public func planTransition(
        _ transition: String,
        from state: String,
        fields: [String: JSONValue],
        changes: [String: JSONValue],
        context: TransitionContext
    ) throws(RuleViolation) -> TransitionPlan {
        guard let definition = self.transition(named: transition) else {
            throw .unknownTransition(transition, hint: transitionHint(for: transition, from: state, role: context.role))
        }
        guard definition.from.contains(state) else {
            throw .transitionNotAllowed(
                transition: transition, from: state, allowedFrom: definition.from,
                hint: transitionHint(for: transition, from: state, role: context.role))
        }
        try definition.guards.checkRole(context.role, transition: transition)
        try definition.guards.checkFourEyes(context, transition: transition)
        var changes = changes
        for stamped in definition.stamps {
            // A date field gets the day, a user field who fired it (the system stamps no one).
            let stamp = field(named: stamped)?.type == .user ? context.actor : context.today?.description
            if let stamp { changes[stamped] = .string(stamp) }
        }
        let merged = try applyFieldChanges(changes, to: fields)
        let conditions = context.conditionFields(merged)
        try definition.guards.check(conditions, openChildren: context.openChildren, transition: transition)
        if definition.guards.requiresChecklistDone {
            let open = (self.state(named: state)?.checklist ?? []).map(\.name).filter {
                !context.checkedItems.contains($0)
            }
            guard open.isEmpty else { throw .checklistNotDone(transition: transition, state: state, open: open) }
        }
        let target = definition.to.destination(for: conditions)
        let locked = changedLockedFields(from: fields, to: merged, in: state).filter {
            !self.transition(definition, unlocks: $0, into: target)
        }
        guard locked.isEmpty else {
            throw .lockedFields(state: state, fields: locked, unlockedBy: transitionsUnlocking(locked, from: state))
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

extension TransitionGuard {
    /// `not_by:` holds for everyone, admins too: a control an admin could skip would not be one.
    fileprivate func checkFourEyes(_ context: TransitionContext, transition: String) throws(RuleViolation) {
        guard let actor = context.actor, let step = notBy.first(where: { context.signatures[$0] == actor }) else {
            return
        }
        throw .sameActor(transition: transition, actor: actor, step: step)
    }

    fileprivate func checkRole(_ role: WorkflowRole?, transition: String) throws(RuleViolation) {
        guard let role, role != .admin, !roles.isEmpty, !roles.contains(role) else { return }
        throw .roleNotAllowed(transition: transition, role: role.rawValue, allowed: roles.map(\.rawValue))
    }

    fileprivate func check(
        _ fields: [String: JSONValue], openChildren: [String], transition: String
    ) throws(RuleViolation) {
        let missing = require.filter { (fields[$0] ?? .null) == .null }
        guard missing.isEmpty else {
            throw .missingRequiredFields(transition: transition, fields: missing)
        }
        if let when, !when.expression.isSatisfied(by: fields) {
            throw .conditionNotMet(transition: transition, condition: when.text)
        }
        if requiresChildrenDone, !openChildren.isEmpty {
            throw .childrenNotDone(transition: transition, open: openChildren)
        }
    }
}

extension TransitionTarget {
    /// The state a transition leads to given the task's new fields: a choice takes its first
    /// branch whose condition holds, and the last (unconditional) branch otherwise.
    func destination(for fields: [String: JSONValue]) -> String {
        switch self {
        case .state(let state): return state
        case .choice(let branches):
            let taken = branches.first { $0.when?.expression.isSatisfied(by: fields) ?? true }
            // The loader ensures the last branch has no condition, so one is always taken.
            return (taken ?? branches[branches.count - 1]).state
        }
    }
}
