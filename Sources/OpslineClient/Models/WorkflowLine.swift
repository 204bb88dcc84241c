import Foundation

/// A published workflow as the server describes it: each line of `GET /v1/workflows`, and the
/// answer to `PUT /v1/workflows/{name}` (with ``changed``).
public struct WorkflowLine: Codable, Sendable, Hashable {
    /// The workflow's name, such as `complaint-escalation`.
    public var name: String
    /// Its human title.
    public var title: String
    /// The task id prefix, such as `CMP`.
    public var key: String
    /// The team that owns new tasks by default.
    public var team: String
    /// The business calendar its SLAs are measured in.
    public var calendar: String
    /// The latest version (or the version the definition describes).
    public var version: Int
    /// When that version was published.
    public var publishedAt: Date
    /// The SHA-256 of the published source: the same file publishes no new version.
    public var checksum: String
    /// In the answer to a publication: whether it created a new version.
    public var changed: Bool?
    /// In the answer to a publication: the receivers its `notify:` lists name that no
    /// subscription has yet (they tell no one until one is made).
    public var unsubscribed: [String]?

    /// Creates a workflow line.
    public init(
        name: String, title: String, key: String, team: String, calendar: String, version: Int,
        publishedAt: Date, checksum: String, changed: Bool? = nil
    ) {
        self.name = name
        self.title = title
        self.key = key
        self.team = team
        self.calendar = calendar
        self.version = version
        self.publishedAt = publishedAt
        self.checksum = checksum
        self.changed = changed
    }

    enum CodingKeys: String, CodingKey {
        case name, title, key, team, calendar, version, checksum, changed, unsubscribed
        case publishedAt = "published_at"
    }

    /// Decodes a workflow line.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        title = try container.decode(String.self, forKey: .title)
        key = try container.decode(String.self, forKey: .key)
        team = try container.decode(String.self, forKey: .team)
        calendar = try container.decode(String.self, forKey: .calendar)
        version = try container.decode(Int.self, forKey: .version)
        publishedAt = try container.decodeTimestamp(forKey: .publishedAt)
        checksum = try container.decode(String.self, forKey: .checksum)
        changed = try container.decodeIfPresent(Bool.self, forKey: .changed)
        unsubscribed = try container.decodeIfPresent([String].self, forKey: .unsubscribed)
    }

    /// Encodes the line as the server writes it.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(title, forKey: .title)
        try container.encode(key, forKey: .key)
        try container.encode(team, forKey: .team)
        try container.encode(calendar, forKey: .calendar)
        try container.encode(version, forKey: .version)
        try container.encodeTimestamp(publishedAt, forKey: .publishedAt)
        try container.encode(checksum, forKey: .checksum)
        try container.encodeIfPresent(changed, forKey: .changed)
        try container.encodeIfPresent(unsubscribed, forKey: .unsubscribed)
    }
}
