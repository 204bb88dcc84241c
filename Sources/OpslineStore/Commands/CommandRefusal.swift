import Workflow

/// Why a command was refused, as the server shows it: the error object and its stable code.
/// Never remembered under an idempotency key: a refused command claims nothing.
public struct CommandRefusal: Sendable, Hashable {
    /// The stable code (`version_conflict`, `guard_failed`, …).
    public let code: String
    /// The whole error object, `code` included.
    public let error: JSONValue

    /// Creates a refusal.
    /// - Parameters:
    ///   - code: The stable code.
    ///   - error: The error object that carries it.
    public init(code: String, error: JSONValue) {
        self.code = code
        self.error = error
    }
}
