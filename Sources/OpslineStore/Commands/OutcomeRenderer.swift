import Workflow

/// How the server shows a command's result: the task line of a success, the refusal a failure
/// comes to. The store remembers what it shows for an applied command under the command's
/// idempotency key.
public struct OutcomeRenderer: Sendable {
    private let taskLine: @Sendable (TaskRecord) -> JSONValue
    private let refusal: @Sendable (any Error) -> CommandRefusal?

    /// Creates a renderer.
    /// - Parameters:
    ///   - taskLine: The line a command that succeeded answers with.
    ///   - refusal: The refusal a failure comes to; nil for a failure that is no refusal (the
    ///     database being unavailable, an internal error), which is thrown instead and fails the
    ///     whole transaction.
    public init(
        taskLine: @escaping @Sendable (TaskRecord) -> JSONValue,
        refusal: @escaping @Sendable (any Error) -> CommandRefusal?
    ) {
        self.taskLine = taskLine
        self.refusal = refusal
    }

    /// The outcome of `command`, given what applying it gave; a failure that is no refusal is
    /// thrown.
    func outcome(of command: TaskCommand, _ result: Result<TaskRecord, any Error>) throws -> CommandOutcome {
        switch result {
        case .success(let task):
            let line = taskLine(task)
            return CommandOutcome(command.createsSomething ? .created(line) : .changed(line))
        case .failure(let error):
            guard let refusal = refusal(error) else { throw error }
            return CommandOutcome(.refused(refusal))
        }
    }
}

extension TaskCommand {
    /// True for the commands that add something (a task, a comment, an attachment); the others
    /// change a task.
    var createsSomething: Bool {
        switch self {
        case .create, .comment, .attach: true
        case .link(let change): !change.remove
        case .transition, .update, .check: false
        }
    }
}
