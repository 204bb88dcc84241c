/// What a token may do. See the API contract for the full matrix.
public enum Role: String, Sendable, Hashable, CaseIterable, Codable {
    /// Everything.
    case admin
    /// Everything on their teams' tasks, reports, reassigning.
    case manager
    /// Create, update and move their teams' tasks as the workflow allows.
    case member
    /// Post events and read their teams' tasks.
    case service
    /// Read only.
    case viewer
}
