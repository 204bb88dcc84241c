import Postgres
import Workflow

/// Why a store command was refused or failed.
///
/// Domain refusals (`taskNotFound`, `versionConflict`, `rule`) leave the database untouched;
/// `unavailable` means PostgreSQL could not be reached and the command may be retried.
public enum StoreError: Error, Sendable, Hashable {
    /// No task has this id.
    case taskNotFound(String)
    /// No workflow (or no such version of it) is published.
    case workflowNotFound(String)
    /// The caller's `expected_version` is stale.
    case versionConflict(taskID: String, expected: Int, current: Int)
    /// The workflow's rules refuse the command.
    case rule(RuleViolation)
    /// A referenced task (such as `after` or `parent`) does not exist.
    case unknownReference(field: String, value: String)
    /// PostgreSQL is unreachable; retry later.
    case unavailable(String)
    /// A stored row could not be read back (a column held what this build cannot parse): a bug
    /// or a schema mismatch, reported as an internal error.
    case corruptRow(String)
}

extension StoreError {
    /// Maps connection failures to `.unavailable`, passes `StoreError`s through, and rethrows
    /// anything else unchanged.
    static func wrap(_ error: any Error) -> any Error {
        if let postgres = error as? PostgresError, postgres.isConnectionFailure || postgres.kind == .poolClosed {
            return StoreError.unavailable(postgres.message)
        }
        return error
    }
}

extension StoreError: CustomStringConvertible {
    /// A sentence for logs and events, e.g. `transition 'close' needs field(s) satisfaction`.
    public var description: String {
        switch self {
        case .taskNotFound(let id): "no task \(id)"
        case .workflowNotFound(let name): "no workflow \(name)"
        case .versionConflict(let id, let expected, let current): "\(id) is at version \(current), not \(expected)"
        case .rule(let violation): violation.message
        case .unknownReference(let field, let value): "\(field): no task \(value)"
        case .unavailable(let reason): "unavailable: \(reason)"
        case .corruptRow(let what): "unreadable stored row: \(what)"
        }
    }
}
