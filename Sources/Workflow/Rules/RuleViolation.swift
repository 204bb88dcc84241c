/// Why the workflow refuses a change to a task.
public enum RuleViolation: Error, Sendable, Hashable {
    /// The workflow has no transition of that name (HTTP 409 `invalid_transition`); `hint` says
    /// which transitions fire from the task's state and which one the name was probably meant
    /// to be.
    case unknownTransition(String, hint: TransitionHint)
    /// The transition exists but not from the task's state (HTTP 409 `invalid_transition`);
    /// `hint` says which transitions fire from it.
    case transitionNotAllowed(transition: String, from: String, allowedFrom: [String], hint: TransitionHint)
    /// Field values are unknown, mistyped or out of range; every problem, sorted by field
    /// (HTTP 422 `validation_failed`).
    case invalidFields([FieldProblem])
    /// The transition's `require:` fields are missing after the changes (HTTP 422 `guard_failed`).
    case missingRequiredFields(transition: String, fields: [String])
    /// The caller's role is not among the transition's `roles:` (HTTP 403 `forbidden`).
    case roleNotAllowed(transition: String, role: String, allowed: [String])
    /// The transition's `when:` condition does not hold on the task's fields (HTTP 422
    /// `guard_failed`).
    case conditionNotMet(transition: String, condition: String)
    /// The transition says `children: done` and these children are unfinished (HTTP 422
    /// `guard_failed`).
    case childrenNotDone(transition: String, open: [String])
    /// The transition says `checklist: done` and these items of `state`'s checklist are not
    /// ticked (HTTP 422 `guard_failed`).
    case checklistNotDone(transition: String, state: String, open: [String])
    /// The transition's `not_by:` names a step this actor took on the task: four eyes are needed
    /// (HTTP 403 `forbidden`).
    case sameActor(transition: String, actor: String, step: String)
    /// The change would give the SLA clock of `policy` a step (its breach, warning or an
    /// escalation) after 9999-12-31T23:59:59.999Z, the last time RFC 3339 can write: `calendar`
    /// has too little working time for the target (HTTP 422 `validation_failed`).
    case deadlineOutOfRange(policy: String, calendar: String)
    /// The change gives a new value to fields the task's `state` locks (`locked_fields:`), by
    /// name (HTTP 409 `locked_field`); `unlockedBy` lists the transitions from the state that may
    /// change them.
    case lockedFields(state: String, fields: [String], unlockedBy: [String])

    /// A sentence saying what was refused and why.
    public var message: String {
        switch self {
        case .unknownTransition(let name, let hint):
            return "unknown transition '\(name)'; \(hint.sentence)"
        case .transitionNotAllowed(let transition, let from, let allowedFrom, let hint):
            let allowed = allowedFrom.joined(separator: ", ")
            return
                "transition '\(transition)' is not allowed from state '\(from)' (only from \(allowed)); \(hint.sentence)"
        case .invalidFields(let problems):
            let list = problems.map { "\($0.field): \($0.problem)" }.joined(separator: "; ")
            return "invalid field(s): \(list)"
        case .missingRequiredFields(let transition, let fields):
            return "transition '\(transition)' needs field(s) \(fields.joined(separator: ", "))"
        case .roleNotAllowed(let transition, let role, let allowed):
            return "transition '\(transition)' is only for \(allowed.joined(separator: ", ")), not \(role)"
        case .conditionNotMet(let transition, let condition):
            return "transition '\(transition)' needs \(condition)"
        case .childrenNotDone(let transition, let open):
            return
                "transition '\(transition)' waits for every child task to finish; open: \(open.joined(separator: ", "))"
        case .checklistNotDone(let transition, let state, let open):
            return "transition '\(transition)' waits for the checklist of '\(state)'; not ticked: "
                + open.joined(separator: ", ")
        case .sameActor(let transition, let actor, let step):
            let did = step == TransitionGuard.creation ? "created this task" : "fired '\(step)' on this task"
            return "transition '\(transition)' needs another person: \(actor) \(did)"
        case .deadlineOutOfRange(let policy, let calendar):
            return "SLA '\(policy)' would fall due after 9999-12-31T23:59:59.999Z, the last time RFC 3339 can write, "
                + "on calendar '\(calendar)'; the change was not made"
        case .lockedFields(let state, let fields, let unlockedBy):
            let names = fields.map { "'\($0)'" }.joined(separator: ", ")
            let verb = fields.count == 1 ? "is" : "are"
            let way =
                unlockedBy.isEmpty
                ? "no transition from it changes \(fields.count == 1 ? "it" : "them")"
                : "to change \(fields.count == 1 ? "it" : "them"), fire \(unlockedBy.joined(separator: " or "))"
            return "\(fields.count == 1 ? "field" : "fields") \(names) \(verb) locked in state '\(state)'; \(way)"
        }
    }
}

extension RuleViolation: CustomStringConvertible {
    /// The same as ``message``.
    public var description: String { message }
}
