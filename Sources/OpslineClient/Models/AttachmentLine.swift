import Foundation

/// A file attached to a task (`GET /v1/tasks/{id}/attachments`, a task line's `attachments`).
public struct AttachmentLine: Codable, Sendable, Hashable {
    /// The attachment's id, to download it with.
    public var id: String
    /// The file's name.
    public var name: String
    /// Its media type.
    public var contentType: String
    /// Its size in bytes.
    public var size: Int64
    /// Lower-case hex of its SHA-256.
    public var sha256: String
    /// The attachment field it went into, if any.
    public var field: String?
    /// Who uploaded it.
    public var uploadedBy: String
    /// When.
    public var uploadedAt: Date

    enum CodingKeys: String, CodingKey {
        case id, name, size, sha256, field
        case contentType = "content_type"
        case uploadedBy = "uploaded_by"
        case uploadedAt = "uploaded_at"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        name = try container.decode(String.self, forKey: .name)
        contentType = try container.decode(String.self, forKey: .contentType)
        size = try container.decode(Int64.self, forKey: .size)
        sha256 = try container.decode(String.self, forKey: .sha256)
        field = try container.decodeIfPresent(String.self, forKey: .field)
        uploadedBy = try container.decode(String.self, forKey: .uploadedBy)
        uploadedAt = try container.decodeTimestamp(forKey: .uploadedAt)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(name, forKey: .name)
        try container.encode(contentType, forKey: .contentType)
        try container.encode(size, forKey: .size)
        try container.encode(sha256, forKey: .sha256)
        try container.encodeIfPresent(field, forKey: .field)
        try container.encode(uploadedBy, forKey: .uploadedBy)
        try container.encodeTimestamp(uploadedAt, forKey: .uploadedAt)
    }
}
