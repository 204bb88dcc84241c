import Hummingbird
import OpslineStore
import Postgres
import Workflow

extension APIError {
    /// The API's answer to any error thrown while handling a request.
    static func from(_ error: any Error) -> APIError {
        switch error {
        case let error as APIError: return error
        case let error as StoreError: return from(error)
        case let error as EventLogError: return from(error)
        case let error as TokenError: return from(error)
        case let error as PeopleError: return from(error)
        case let error as NotificationError: return from(error)
        case let error as RuleViolation: return from(error)
        case let error as WorkflowLoadErrors: return .invalidWorkflow(error.errors)
        case let error as PostgresError where error.isConnectionFailure || error.kind == .poolClosed:
            return .unavailable(error.message)
        case let error as PostgresError where error.isDataError:
            // A value PostgreSQL refused that no check before it caught (those name the field).
            return APIError(
                .unprocessableContent, code: "validation_failed",
                message: "the database refused a value of this request: \(error.message)")
        default:
            return .internalError
        }
    }

    static func from(_ error: StoreError) -> APIError {
        switch error {
        case .taskNotFound(let id): return .notFound("no task \(id)")
        case .workflowNotFound(let name): return .notFound("no workflow \(name)")
        case .unknownReference(let field, let value): return .badRequest("\(field): no task \(value)")
        case .unavailable(let reason): return .unavailable(reason)
        case .corruptRow: return .internalError
        case .rule(let violation): return from(violation)
        case .versionConflict(let id, let expected, let current):
            return APIError(
                .conflict, code: "version_conflict",
                message: "\(id) is at version \(current), not \(expected); reload and retry",
                details: ["current_version": .int(Int64(current))])
        }
    }

    static func from(_ error: EventLogError) -> APIError {
        switch error {
        case .pruned(let through):
            return APIError(
                .gone, code: "gone",
                message: "the events up to seq \(through) were pruned (retention); resume with since=\(through)",
                details: ["pruned_through": .int(through)])
        }
    }

    static func from(_ violation: RuleViolation) -> APIError {
        switch violation {
        case .unknownTransition(_, let hint):
            return APIError(
                .conflict, code: "invalid_transition", message: violation.message, details: hintDetails(hint))
        case .transitionNotAllowed(_, _, let allowedFrom, let hint):
            var details = hintDetails(hint)
            details["allowed_from"] = .array(allowedFrom.map(JSONValue.string))
            return APIError(.conflict, code: "invalid_transition", message: violation.message, details: details)
        case .invalidFields(let problems):
            let fields = JSONValue.object(
                Dictionary(problems.map { ($0.field, JSONValue.string($0.problem)) }, uniquingKeysWith: { a, _ in a }))
            return APIError(
                .unprocessableContent, code: "validation_failed", message: violation.message,
                details: ["fields": fields])
        case .missingRequiredFields(_, let fields):
            return APIError(
                .unprocessableContent, code: "guard_failed", message: violation.message,
                details: ["missing_fields": .array(fields.map(JSONValue.string))])
        case .roleNotAllowed(_, _, let allowed):
            return APIError(
                .forbidden, code: "forbidden", message: violation.message,
                details: ["allowed_roles": .array(allowed.map(JSONValue.string))])
        case .conditionNotMet(_, let condition):
            return APIError(
                .unprocessableContent, code: "guard_failed", message: violation.message,
                details: ["condition": .string(condition)])
        case .childrenNotDone(_, let open):
            return APIError(
                .unprocessableContent, code: "guard_failed", message: violation.message,
                details: ["open_children": .array(open.map(JSONValue.string))])
        case .checklistNotDone(_, _, let open):
            return APIError(
                .unprocessableContent, code: "guard_failed", message: violation.message,
                details: ["open_items": .array(open.map(JSONValue.string))])
        case .sameActor(_, _, let step):
            return APIError(
                .forbidden, code: "forbidden", message: violation.message, details: ["not_by": .string(step)])
        case .deadlineOutOfRange(let policy, _):
            return APIError(
                .unprocessableContent, code: "validation_failed", message: violation.message,
                details: ["policy": .string(policy)])
        case .lockedFields(let state, let fields, let unlockedBy):
            return lockedFields(violation, state: state, fields: fields, unlockedBy: unlockedBy)
        }
    }

    /// 409 `locked_field`: `field` (the first by name), `fields` (each → "is locked in state …",
    /// as `validation_failed` lists problems), `state`, and `transitions` that may change them.
    private static func lockedFields(
        _ violation: RuleViolation, state: String, fields: [String], unlockedBy: [String]
    ) -> APIError {
        let problem = JSONValue.string("is locked in state '\(state)'")
        var details: [String: JSONValue] = [
            "fields": .object(Dictionary(uniqueKeysWithValues: fields.map { ($0, problem) })),
            "state": .string(state),
            "transitions": .array(unlockedBy.map(JSONValue.string)),
        ]
        details["field"] = fields.first.map(JSONValue.string)
        return APIError(.conflict, code: "locked_field", message: violation.message, details: details)
    }

    /// `state`, `allowed` and, when a name is close, `suggestion`: what the caller can do instead.
    private static func hintDetails(_ hint: TransitionHint) -> [String: JSONValue] {
        var details: [String: JSONValue] = [
            "state": .string(hint.state), "allowed": .array(hint.allowed.map(JSONValue.string)),
        ]
        details["suggestion"] = hint.suggestion.map(JSONValue.string)
        return details
    }
}
