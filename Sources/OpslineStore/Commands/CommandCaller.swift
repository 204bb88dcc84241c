import Workflow

/// Who runs a command: recorded as its events' actor, the role that meets workflow `roles:`
/// guards, and the scope its idempotency keys belong to.
public struct CommandCaller: Sendable, Hashable {
    /// The name events record as their actor.
    public let name: String?
    /// The caller's role; `nil` for the system itself (timers, escalations), which passes
    /// `roles:` guards.
    public let role: Role?
    /// The scope its idempotency keys belong to: a key is claimed, replayed and refused as a
    /// `duplicate` only within its scope, so one caller's key never answers another's request.
    ///
    /// A token's scope is its id, `token:<id>` (the admin token's too), and the system's is
    /// `system` (`system:<name>` when named). The id, not the name, because a name is neither
    /// unique nor tied to teams: two tokens called `crm` may serve different teams, and a shared
    /// scope would replay one's tasks to the other. An id is never reused and never changes, and
    /// when tokens come to belong to users a `token:` scope maps to its owner's without guessing.
    /// A replacement token starts with no keys: a retry must use the token that sent the command.
    public let idempotencyScope: String

    /// Creates a caller.
    /// - Parameters:
    ///   - name: The name events record.
    ///   - role: The role, or `nil` for the system.
    ///   - idempotencyScope: The scope its idempotency keys belong to.
    public init(name: String?, role: Role?, idempotencyScope: String) {
        self.name = name
        self.role = role
        self.idempotencyScope = idempotencyScope
    }

    /// The caller a token stands for.
    public init(_ principal: Principal) {
        self.init(name: principal.name, role: principal.role, idempotencyScope: "token:\(principal.tokenID)")
    }

    /// The system itself, optionally named (e.g. `scheduler`).
    public static func system(_ name: String? = nil) -> CommandCaller {
        CommandCaller(name: name, role: nil, idempotencyScope: name.map { "system:\($0)" } ?? "system")
    }

    /// The role as workflow guards name it.
    var workflowRole: WorkflowRole? {
        role.flatMap { WorkflowRole(rawValue: $0.rawValue) }
    }
}
