import Workflow

/// What one command came to, in the store's words; the server decides what each means in HTTP.
/// An applied command's outcome is remembered under its idempotency key, if it has one, and
/// repeated for a retry from the same caller; a refusal is not remembered.
public struct CommandOutcome: Sendable, Hashable {
    /// What the command did.
    public enum Effect: Sendable, Hashable {
        /// It created something: a task (`create`) or a comment on one. Holds the task line.
        case created(JSONValue)
        /// It changed a task (`transition`, `update`). Holds the task line.
        case changed(JSONValue)
        /// It was refused, and changed nothing.
        case refused(CommandRefusal)
        /// It was not applied: its idempotency key (held here) was already used for a different
        /// request.
        case duplicateKey(String)
    }

    /// What the command did.
    public let effect: Effect
    /// True when this outcome was recorded earlier under the same idempotency key.
    public let replayed: Bool

    /// Creates an outcome.
    init(_ effect: Effect, replayed: Bool = false) {
        self.effect = effect
        self.replayed = replayed
    }

    /// True when the command was applied: it created or changed something.
    public var succeeded: Bool {
        switch effect {
        case .created, .changed: true
        case .refused, .duplicateKey: false
        }
    }
}
