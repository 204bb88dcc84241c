import Workflow

/// Why a command was refused, as the server shows it: the error object and its stable code.
/// Remembered as it is under an idempotency key, so a retry is refused in the same words.
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

    /// A refusal as an idempotency key remembers it: its error object, which holds the code.
    init(remembered error: JSONValue) {
        self.init(code: error["code"]?.stringValue ?? "", error: error)
    }
}
