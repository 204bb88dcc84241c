import Foundation

/// A link of a task to another (`GET /v1/tasks/{id}/links`, the single task line's `links`).
public struct LinkLine: Codable, Sendable, Hashable {
    /// How the task relates to the other: `relates_to`, `caused_by` or `causes`.
    public var type: String
    /// The other task.
    public var task: String
    /// Who made the link.
    public var createdBy: String
    /// When (RFC 3339).
    public var createdAt: String

    enum CodingKeys: String, CodingKey {
        case type, task
        case createdBy = "created_by"
        case createdAt = "created_at"
    }
}
