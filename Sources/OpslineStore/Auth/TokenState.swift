/// Whether a token still authenticates, as the database has it now (``TokenStore/currentState(of:)``).
public enum TokenState: Sendable, Hashable {
    /// It authenticates, as this principal (a personal token's user's roles as they are now).
    case active(Principal)
    /// It no longer does; the reason completes "the stream's token …" (`was revoked`, `expired`,
    /// `belongs to alice, who was disabled`).
    case ended(String)
}
