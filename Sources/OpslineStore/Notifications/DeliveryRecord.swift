import Foundation
import Postgres
import Workflow

/// Where a delivery stands.
public enum DeliveryState: String, Sendable, Hashable, CaseIterable {
    /// Not tried yet.
    case pending
    /// Tried and refused or unanswered; tried again at `next_attempt_at`.
    case failed
    /// The receiver answered 2xx.
    case delivered
    /// Given up: refused for good (a 4xx other than 408 and 429), or still failing 24 hours on.
    case dead
}

/// One delivery as the delivery log lists it (`GET /v1/deliveries`).
public struct DeliveryRecord: Sendable, Hashable {
    /// The delivery id: the receivers' dedupe key (`webhook-id`).
    public let id: String
    /// The subscription's id and name.
    public let subscriptionID: String
    public let subscription: String
    /// The event it tells of; `nil` for a digest.
    public let eventSeq: Int64?
    /// `event` or `digest`.
    public let kind: String
    public let state: DeliveryState
    /// Attempts so far.
    public let attempts: Int
    /// The receiver's HTTP status (an SMTP reply code for e-mail) at the last attempt.
    public let lastStatus: Int?
    /// Why the last attempt failed.
    public let lastError: String?
    /// When it is tried next, while pending or failed.
    public let nextAttemptAt: Date?
    public let lastAttemptAt: Date?
    public let createdAt: Date
    /// When it was delivered or given up.
    public let finishedAt: Date?

    init(row: PostgresRow) throws {
        id = try row.decode("id")
        subscriptionID = try row.decode("subscription_id")
        subscription = try row.decode("subscription")
        eventSeq = try row.decode("event_seq")
        kind = try row.decode("kind")
        let state = try row.decode("state", as: DeliveryState.self, in: "deliveries")
        self.state = state
        attempts = try row.decode("attempts")
        lastStatus = try row.decode("last_status")
        lastError = try row.decode("last_error")
        let next: Date = try row.decode("next_attempt_at")
        nextAttemptAt = state == .pending || state == .failed ? next : nil
        lastAttemptAt = try row.decode("last_attempt_at")
        createdAt = try row.decode("created_at")
        finishedAt = try row.decode("finished_at")
    }
}

/// A delivery claimed for sending: what to send, where, and how to sign it.
public struct ClaimedDelivery: Sendable {
    /// The delivery id (`webhook-id`).
    public let id: String
    /// Which attempt this is, from 1.
    public let attempt: Int
    /// `event`, `digest`, or `test` for a sample that is not queued.
    public let kind: String
    /// When it was queued: retries stop 24 hours after.
    public let createdAt: Date
    /// The per-destination limit's key.
    public let destination: String
    /// The body a previous attempt sent, to send unchanged.
    public let body: String?
    /// The event, as the event stream's line (`{"seq","at","task","type","actor","data"}`).
    public let event: JSONValue?
    /// The subscription's id, name and owning team.
    public let subscriptionID: String
    public let subscriptionName: String
    public let subscriptionTeam: String
    public let channel: ChannelKind
    /// The URL (with a robot's token, if any) and the e-mail recipients.
    public let url: String?
    public let recipients: [String]
    /// The signing secret.
    public let secret: String?
    /// What a digest reports on; `nil` for an event's delivery.
    public let digest: DigestDelivery?

    init(row: PostgresRow) throws {
        id = try row.decode("id")
        attempt = try row.decode("attempts")
        kind = try row.decode("kind")
        createdAt = try row.decode("created_at")
        destination = try row.decode("destination")
        body = try row.decode("body")
        event = try (row.decode("event", as: String?.self)).map { try JSONValue.parse($0) }
        subscriptionID = try row.decode("subscription_id")
        subscriptionName = try row.decode("subscription_name")
        subscriptionTeam = try row.decode("subscription_team")
        channel = try row.decode("channel", as: ChannelKind.self, in: "subscriptions")
        url = try row.decode("url")
        recipients = try row.decode("recipients")
        secret = try row.decode("secret")
        let digestAt: String? = try row.decode("digest_at")
        digest = try digestAt.map { at in
            DigestDelivery(
                day: try (row.decode("digest_on", as: String?.self)).flatMap(CalendarDay.init(parsing:)),
                setting: DigestSetting(at: at, calendar: try row.decode("digest_calendar", as: String?.self) ?? "24x7"),
                filter: SubscriptionFilter(
                    teams: try row.decode("teams"), workflows: try row.decode("workflows"),
                    priorities: try row.decode("priorities"), policies: try row.decode("policies")))
        }
    }
}

/// What a digest delivery reports on.
public struct DigestDelivery: Sendable, Hashable {
    /// The local date it reports on; `nil` for a sample (`subscription test`): today's.
    public let day: CalendarDay?
    /// Its subscription's time and calendar.
    public let setting: DigestSetting
    /// Its subscription's teams, workflows, priorities and policies.
    public let filter: SubscriptionFilter
}
