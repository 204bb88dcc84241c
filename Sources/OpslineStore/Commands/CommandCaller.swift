import Workflow

/// Who runs a command: recorded as its events' actor, and the role that meets workflow `roles:`
/// guards.
public struct CommandCaller: Sendable, Hashable {
    /// The name events record as their actor.
    public let name: String?
    /// The caller's role; `nil` for the system itself (timers, escalations), which passes
    /// `roles:` guards.
    public let role: Role?

    /// Creates a caller.
    /// - Parameters:
    ///   - name: The name events record.
    ///   - role: The role, or `nil` for the system.
    public init(name: String?, role: Role?) {
        self.name = name
        self.role = role
    }

    /// The caller a token stands for.
    public init(_ principal: Principal) {
        self.init(name: principal.name, role: principal.role)
    }

    /// The system itself, optionally named (e.g. `scheduler`).
    public static func system(_ name: String? = nil) -> CommandCaller {
        CommandCaller(name: name, role: nil)
    }

    /// The role as workflow guards name it.
    var workflowRole: WorkflowRole? {
        role.flatMap { WorkflowRole(rawValue: $0.rawValue) }
    }
}
