import Workflow

/// Who runs a command: recorded as its events' actor, the role (in the task's team) that meets
/// workflow `roles:` guards, and the scope its idempotency keys belong to.
public struct CommandCaller: Sendable, Hashable {
    /// The name events record as their actor.
    public let name: String?
    /// The caller's roles: nil for the system itself (timers, escalations), which passes `roles:`
    /// guards.
    let principal: Principal?
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

    private init(name: String?, principal: Principal?, idempotencyScope: String) {
        self.name = name
        self.principal = principal
        self.idempotencyScope = idempotencyScope
    }

    /// The caller a token stands for: its events record the principal's name (a personal
    /// token's user), its keys belong to the token.
    public init(_ principal: Principal) {
        self.init(name: principal.name, principal: principal, idempotencyScope: "token:\(principal.tokenID)")
    }

    /// The system itself, optionally named (e.g. `scheduler`).
    public static func system(_ name: String? = nil) -> CommandCaller {
        CommandCaller(name: name, principal: nil, idempotencyScope: name.map { "system:\($0)" } ?? "system")
    }

    /// Whether the system itself runs the command (timers, escalations, spawns).
    var isSystem: Bool { principal == nil }

    /// The caller's role in `team`, as workflow guards name it: nil for the system (which passes
    /// every guard); a caller with no role there (only a task it was let at can get here) counts
    /// as a viewer, whom a `roles:` guard lets through only if it lists viewers.
    func workflowRole(inTeam team: String?) -> WorkflowRole? {
        workflowRole(onTaskOf: team.map { [$0] } ?? [])
    }

    /// The caller's strongest role among a task's teams (its owner and watching teams), as
    /// workflow guards name it; as ``workflowRole(inTeam:)`` otherwise.
    public func workflowRole(onTaskOf teams: [String]) -> WorkflowRole? {
        guard let principal else { return nil }
        let role = principal.strongestRole(among: teams)?.role ?? .viewer
        return WorkflowRole(rawValue: role.rawValue) ?? .viewer
    }
}
