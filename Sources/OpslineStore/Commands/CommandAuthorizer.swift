/// Decides whether the caller may run a command, given the task as it is inside the command's
/// transaction (locked; for `create`, the new task's parent, or nil). Throwing refuses the command.
///
/// Every command says who may do what: the server passes the caller's permissions, the system's
/// own work passes ``system``.
public struct CommandAuthorizer: Sendable {
    private let decide: @Sendable (TaskCommand, _ current: TaskRecord?) throws -> Void

    /// Creates an authorizer.
    /// - Parameter decide: Throws to refuse `command` on `current` (the locked task; for `create`,
    ///   the new task's parent, or nil).
    public init(_ decide: @escaping @Sendable (TaskCommand, _ current: TaskRecord?) throws -> Void) {
        self.decide = decide
    }

    /// Allows every command: only for the system actor (the scheduler's timers and escalations,
    /// which the workflows themselves ordered; set-up and tests acting as the system), never for a
    /// caller a token stands for.
    public static let system = CommandAuthorizer { _, _ in }

    /// Refuses `command` on `current` by throwing, if the caller may not run it.
    func callAsFunction(_ command: TaskCommand, _ current: TaskRecord?) throws {
        try decide(command, current)
    }
}
