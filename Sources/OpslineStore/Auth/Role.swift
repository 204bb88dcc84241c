/// What a token may do. docs/api.md ("Tokens, roles and teams") has the full matrix.
public enum Role: String, Sendable, Hashable, CaseIterable, Codable {
    /// Everything.
    case admin
    /// Everything on their teams' tasks, reassigning included.
    case manager
    /// Create, update, move and comment on their teams' tasks as the workflow allows; take a task
    /// themselves, but not give it to someone else.
    case member
    /// What a member may do (other systems posting events use the same commands).
    case service
    /// Read only.
    case viewer
}
