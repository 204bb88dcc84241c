import Foundation
import Workflow

/// One entry of a task's history, as `GET /v1/tasks/{id}/events` and the event stream write it.
public struct EventLine: Codable, Sendable, Hashable {
    /// The event's position in the global event log; strictly increasing.
    public var seq: Int
    /// When the change was committed.
    public var at: Date
    /// The identifier of the task the event is about.
    public var task: String
    /// What happened: `created`, `transitioned`, `sla_breached`, …
    public var type: String
    /// Who caused it; absent for the server's own work such as timers.
    public var actor: String?
    /// The event's details, which depend on its type.
    public var data: [String: JSONValue]

    /// Creates an event line.
    public init(
        seq: Int, at: Date, task: String, type: String, actor: String? = nil,
        data: [String: JSONValue] = [:]
    ) {
        self.seq = seq
        self.at = at
        self.task = task
        self.type = type
        self.actor = actor
        self.data = data
    }

    enum CodingKeys: String, CodingKey {
        case seq, at, task, type, actor, data
    }

    /// Decodes an event line; a missing `data` object reads as empty.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        seq = try container.decode(Int.self, forKey: .seq)
        at = try container.decodeTimestamp(forKey: .at)
        task = try container.decode(String.self, forKey: .task)
        type = try container.decode(String.self, forKey: .type)
        actor = try container.decodeIfPresent(String.self, forKey: .actor)
        data = try container.decodeIfPresent([String: JSONValue].self, forKey: .data) ?? [:]
    }

    /// Encodes the line as the server writes it, the time as RFC 3339 text.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(seq, forKey: .seq)
        try container.encodeTimestamp(at, forKey: .at)
        try container.encode(task, forKey: .task)
        try container.encode(type, forKey: .type)
        try container.encodeIfPresent(actor, forKey: .actor)
        try container.encode(data, forKey: .data)
    }
}
