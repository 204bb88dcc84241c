/// One command of a batch, with its optional idempotency key.
public struct BatchCommand: Sendable {
    /// The command.
    public let command: TaskCommand
    /// The key under which its outcome is remembered, once applied, in the caller's scope.
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
