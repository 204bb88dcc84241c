import Workflow

/// The result of one command as the API reports it, and as an idempotency key remembers it.
public struct CommandOutcome: Sendable, Hashable {
    /// The HTTP status (201 created, 200 changed, 4xx refused, 503 unavailable…).
    public let status: Int
    /// The task line on success, or the error object.
    public let body: JSONValue
    /// True when this outcome was recorded earlier under the same idempotency key.
    public let replayed: Bool

    /// Creates an outcome.
    public init(status: Int, body: JSONValue, replayed: Bool = false) {
        self.status = status
        self.body = body
        self.replayed = replayed
    }

    /// True for 2xx.
    public var succeeded: Bool { (200..<300).contains(status) }
}

/// Turns a command's result into an outcome; returns nil for failures that must not be
/// remembered under an idempotency key (the database being unavailable, internal errors).
public typealias OutcomeRenderer = @Sendable (TaskCommand, Result<TaskRecord, any Error>) -> CommandOutcome?

/// One command of a batch, with its optional idempotency key.
public struct BatchCommand: Sendable {
    /// The command.
    public let command: TaskCommand
    /// The key under which its outcome is remembered.
    public let idempotencyKey: String?
    /// A digest of the request, so a key reused for a different request is refused.
    public let requestHash: String

    /// Creates a batch entry.
    public init(command: TaskCommand, idempotencyKey: String?, requestHash: String) {
        self.command = command
        self.idempotencyKey = idempotencyKey
        self.requestHash = requestHash
    }
}
