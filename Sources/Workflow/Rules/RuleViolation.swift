/// Why the workflow refuses a change to a task.
public enum RuleViolation: Error, Sendable, Hashable {
    /// The workflow has no transition of that name (HTTP 409 `invalid_transition`).
    case unknownTransition(String)
    /// The transition exists but not from the task's state (HTTP 409 `invalid_transition`).
    case transitionNotAllowed(transition: String, from: String, allowedFrom: [String])
    /// Field values are unknown, mistyped or out of range; every problem, sorted by field
    /// (HTTP 422 `validation_failed`).
    case invalidFields([FieldProblem])
    /// The transition's `require:` fields are missing after the changes (HTTP 422 `guard_failed`).
    case missingRequiredFields(transition: String, fields: [String])
    /// The transition uses a guard or target this version loads but does not enforce yet (a
    /// `roles:`, `when:` or `children:` guard, or a choice target), so it refuses to fire rather
    /// than skip the check (HTTP 422 `guard_failed`).
    case unenforcedGuard(transition: String, guard: String)

    /// A sentence saying what was refused and why.
    public var message: String {
        switch self {
        case .unknownTransition(let name):
            return "unknown transition '\(name)'"
        case .transitionNotAllowed(let transition, let from, let allowedFrom):
            let allowed = allowedFrom.joined(separator: ", ")
            return "transition '\(transition)' is not allowed from state '\(from)' (only from \(allowed))"
        case .invalidFields(let problems):
            let list = problems.map { "\($0.field): \($0.problem)" }.joined(separator: "; ")
            return "invalid field(s): \(list)"
        case .missingRequiredFields(let transition, let fields):
            return "transition '\(transition)' needs field(s) \(fields.joined(separator: ", "))"
        case .unenforcedGuard(let transition, let what):
            return "transition '\(transition)' has \(what), which this version cannot check yet, so it cannot fire"
        }
    }
}

extension RuleViolation: CustomStringConvertible {
    /// The same as ``message``.
    public var description: String { message }
}
