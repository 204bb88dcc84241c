import Foundation
import Postgres

/// Who hears which events, and through which channel (docs/notifications.md).
public struct Subscription: Sendable, Hashable {
    /// The id, `sub_…`.
    public let id: String
    /// A unique name, such as `support-breaches`.
    public let name: String
    /// The team that owns it: its managers manage it, its people read it.
    public let team: String
    /// The event types it hears, such as `sla_breached`.
    public let events: [String]
    /// Which of those events: by team, workflow, priority, policy and target state.
    public let filter: SubscriptionFilter
    /// How it is told.
    public let channel: ChannelKind
    /// Where messages go, without any secret: the URL's origin (`https://hooks.slack.com`), or
    /// `smtp` for e-mail.
    public let destination: String
    /// E-mail recipients (`email` only).
    public let recipients: [String]
    /// Whether it signs its messages with a secret.
    public let isSigned: Bool
    /// When it is a daily digest: one message per working day instead of one per event.
    public let digest: DigestSetting?
    /// Who created it.
    public let createdBy: String
    /// When.
    public let createdAt: Date

    init(row: PostgresRow) throws {
        id = try row.decode("id")
        name = try row.decode("name")
        team = try row.decode("team")
        events = try row.decode("events")
        filter = SubscriptionFilter(
            teams: try row.decode("teams"), workflows: try row.decode("workflows"),
            priorities: try row.decode("priorities"), policies: try row.decode("policies"),
            toStates: try row.decode("to_states"))
        channel = try row.decode("channel", as: ChannelKind.self, in: "subscriptions")
        destination = try row.decode("destination")
        recipients = try row.decode("recipients")
        isSigned = try row.decode("signed")
        let digestAt: String? = try row.decode("digest_at")
        digest = try digestAt.map {
            DigestSetting(at: $0, calendar: try row.decode("digest_calendar", as: String?.self) ?? "24x7")
        }
        createdBy = try row.decode("created_by")
        createdAt = try row.decode("created_at")
    }
}

/// Which events a subscription hears, beyond their type. Every list narrows; an empty one (other
/// than `teams`) allows any value.
public struct SubscriptionFilter: Sendable, Hashable {
    /// The teams whose tasks' events it hears (by the teams each event belongs to: its task's
    /// owner and watching teams when it happened); by default the owning team.
    public var teams: [String]
    /// Only tasks of these workflows.
    public var workflows: [String]
    /// Only tasks of these priorities.
    public var priorities: [String]
    /// Only SLA events and escalations of these policies.
    public var policies: [String]
    /// Only `transitioned` events into these states.
    public var toStates: [String]

    /// A filter; every list empty but `teams` allows anything.
    public init(
        teams: [String] = [], workflows: [String] = [], priorities: [String] = [], policies: [String] = [],
        toStates: [String] = []
    ) {
        self.teams = teams
        self.workflows = workflows
        self.priorities = priorities
        self.policies = policies
        self.toStates = toStates
    }
}

/// The wire format a subscription's messages take.
public enum ChannelKind: String, Sendable, Hashable, CaseIterable {
    /// A signed JSON POST (Standard Webhooks).
    case webhook
    /// A Slack incoming-webhook message (also Mattermost, Rocket.Chat).
    case slack
    /// A WeCom (企业微信) group robot.
    case wecom
    /// A DingTalk (钉钉) group robot, optionally signed.
    case dingtalk
    /// A Feishu/Lark (飞书) group robot, optionally signed.
    case feishu
    /// E-mail through the server's SMTP relay.
    case email

    /// Whether messages go to a URL (every channel but e-mail).
    public var usesURL: Bool { self != .email }
}

/// A subscription to create.
public struct NewSubscription: Sendable, Hashable {
    /// A unique name.
    public var name: String
    /// The owning team.
    public var team: String
    /// The event types to hear.
    public var events: [String]
    /// Which of those events; `teams` empty means the owning team.
    public var filter: SubscriptionFilter
    /// The channel.
    public var channel: ChannelKind
    /// Where to send (every channel but e-mail).
    public var url: String?
    /// E-mail recipients.
    public var recipients: [String]
    /// The signing secret: given for `dingtalk`/`feishu` robots that sign, made up for `webhook`
    /// when not given.
    public var secret: String?
    /// A daily digest instead of a message per event; `events` then stays empty.
    public var digest: DigestSetting?

    /// A subscription to create.
    public init(
        name: String, team: String, events: [String], filter: SubscriptionFilter = SubscriptionFilter(),
        channel: ChannelKind, url: String? = nil, recipients: [String] = [], secret: String? = nil,
        digest: DigestSetting? = nil
    ) {
        self.name = name
        self.team = team
        self.events = events
        self.filter = filter
        self.channel = channel
        self.url = url
        self.recipients = recipients
        self.secret = secret
        self.digest = digest
    }
}

/// A daily digest's time: `at` (`HH:MM`) on every working day of `calendar`, in its time zone.
public struct DigestSetting: Sendable, Hashable {
    /// The local time of day, `09:00`.
    public var at: String
    /// The business calendar whose working days and time zone count (`24x7`: every day, UTC).
    public var calendar: String

    /// A digest at `at` on the working days of `calendar`.
    public init(at: String, calendar: String = "24x7") {
        self.at = at
        self.calendar = calendar
    }
}
