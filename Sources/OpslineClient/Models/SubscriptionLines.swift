import Foundation

/// A subscription as the server describes it (`/v1/subscriptions`); ``secret`` only in the
/// answer to its creation.
public struct SubscriptionLine: Decodable, Sendable, Hashable {
    /// Which events, beyond their type; empty lists allow anything.
    public struct Filter: Decodable, Sendable, Hashable {
        public var teams: [String]
        public var workflows: [String]
        public var priorities: [String]
        public var policies: [String]
        public var toStates: [String]

        enum CodingKeys: String, CodingKey {
            case teams, workflows, priorities, policies
            case toStates = "to_states"
        }
    }

    /// Where messages go, without any secret.
    public struct Channel: Decodable, Sendable, Hashable {
        /// `webhook`, `slack`, `wecom`, `dingtalk`, `feishu` or `email`.
        public var type: String
        /// The URL's origin, or `smtp`.
        public var destination: String
        /// E-mail recipients.
        public var to: [String]?
        /// Whether messages are signed.
        public var signed: Bool
    }

    /// When a daily digest is sent: `at` on the working days of `calendar`.
    public struct Digest: Decodable, Sendable, Hashable {
        public var at: String
        public var calendar: String
    }

    public var id: String
    public var name: String
    /// The owning team.
    public var team: String
    public var events: [String]
    public var filter: Filter
    public var channel: Channel
    /// Set for a daily digest.
    public var digest: Digest?
    /// The signing secret: only when it was just created.
    public var secret: String?
    public var createdBy: String
    public var createdAt: Date

    enum CodingKeys: String, CodingKey {
        case id, name, team, events, filter, channel, secret, digest
        case createdBy = "created_by"
        case createdAt = "created_at"
    }

    /// Decodes a subscription line, its time as RFC 3339 text.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        name = try container.decode(String.self, forKey: .name)
        team = try container.decode(String.self, forKey: .team)
        events = try container.decode([String].self, forKey: .events)
        filter = try container.decode(Filter.self, forKey: .filter)
        channel = try container.decode(Channel.self, forKey: .channel)
        digest = try container.decodeIfPresent(Digest.self, forKey: .digest)
        secret = try container.decodeIfPresent(String.self, forKey: .secret)
        createdBy = try container.decode(String.self, forKey: .createdBy)
        createdAt = try container.decodeTimestamp(forKey: .createdAt)
    }
}

/// One delivery of the delivery log (`GET /v1/deliveries`).
public struct DeliveryLine: Decodable, Sendable, Hashable {
    /// The delivery id: the receivers' dedupe key (`webhook-id`).
    public var id: String
    public var subscription: String
    public var subscriptionId: String
    public var eventSeq: Int64?
    public var kind: String
    /// `pending`, `failed`, `delivered` or `dead`.
    public var state: String
    public var attempts: Int
    public var lastStatus: Int?
    public var lastError: String?
    public var nextAttemptAt: Date?
    public var lastAttemptAt: Date?
    public var createdAt: Date
    public var finishedAt: Date?

    enum CodingKeys: String, CodingKey {
        case id, subscription, kind, state, attempts
        case subscriptionId = "subscription_id"
        case eventSeq = "event_seq"
        case lastStatus = "last_status"
        case lastError = "last_error"
        case nextAttemptAt = "next_attempt_at"
        case lastAttemptAt = "last_attempt_at"
        case createdAt = "created_at"
        case finishedAt = "finished_at"
    }

    /// Decodes a delivery line, its times as RFC 3339 text.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        subscription = try container.decode(String.self, forKey: .subscription)
        subscriptionId = try container.decode(String.self, forKey: .subscriptionId)
        eventSeq = try container.decodeIfPresent(Int64.self, forKey: .eventSeq)
        kind = try container.decode(String.self, forKey: .kind)
        state = try container.decode(String.self, forKey: .state)
        attempts = try container.decode(Int.self, forKey: .attempts)
        lastStatus = try container.decodeIfPresent(Int.self, forKey: .lastStatus)
        lastError = try container.decodeIfPresent(String.self, forKey: .lastError)
        nextAttemptAt = try container.decodeTimestampIfPresent(forKey: .nextAttemptAt)
        lastAttemptAt = try container.decodeTimestampIfPresent(forKey: .lastAttemptAt)
        createdAt = try container.decodeTimestamp(forKey: .createdAt)
        finishedAt = try container.decodeTimestampIfPresent(forKey: .finishedAt)
    }
}

/// What a subscription's receiver did with a sample (`POST /v1/subscriptions/{id}/test`).
public struct SubscriptionTestLine: Decodable, Sendable, Hashable {
    public var subscription: String
    /// The receiver answered 2xx.
    public var delivered: Bool
    public var status: Int?
    public var error: String?
    /// The first kilobyte of its answer.
    public var answer: String
}
