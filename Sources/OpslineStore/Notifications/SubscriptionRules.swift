import Crypto
import Foundation

/// What a subscription's values must look like. Refusals name the field as the API spells it.
///
/// Whether a URL may be reached at all (`https` only, no private addresses) depends on how the
/// server runs and is the server's check; this one reads what the values say.
public enum SubscriptionRules {
    /// The event types a subscription may hear: every type the event log records.
    public static let eventTypes: Set<String> = [
        "created", "transitioned", "updated", "assigned", "commented", "attached", "checked", "unchecked", "linked",
        "unlinked", "spawned",
        "sla_started", "sla_paused",
        "sla_resumed", "sla_retargeted", "sla_warning", "sla_breached", "sla_met", "sla_stopped", "escalated",
        "timer_failed", "escalation_failed",
    ]

    /// The most values any list of a filter takes.
    static let listLimit = 100

    /// The subscription, checked and completed: the owning team as the filter's team when none is
    /// given, a made-up secret for a webhook without one.
    /// - Throws: ``NotificationError/invalid(field:problem:)``.
    static func checked(_ new: NewSubscription) throws(NotificationError) -> (NewSubscription, destination: String) {
        var checked = new
        guard new.name.wholeMatch(of: /[a-z0-9][a-z0-9._-]{0,63}/) != nil else {
            throw .invalid(
                field: "name", problem: "must be 1-64 of a-z, 0-9, '.', '_' and '-', starting with a letter or digit")
        }
        guard !new.team.isEmpty else { throw .invalid(field: "team", problem: "must name a team") }
        checked.events = try list(new.events, field: "events")
        // No event types: the subscription hears only the events workflow files name it in
        // (`notify:`), or, with `digest`, none.
        if let digest = new.digest {
            try self.digest(digest, events: checked.events, filter: new.filter)
        }
        if let unknown = checked.events.first(where: { !eventTypes.contains($0) }) {
            throw .invalid(
                field: "events",
                problem: "has unknown event type '\(unknown)' (known: \(eventTypes.sorted().joined(separator: ", ")))")
        }
        checked.filter = try filter(new.filter, ownerTeam: new.team)
        let destination: String
        if new.channel.usesURL {
            guard new.recipients.isEmpty else { throw .invalid(field: "channel.to", problem: "is for e-mail only") }
            destination = try origin(of: new.url)
        } else {
            guard new.url == nil else {
                throw .invalid(field: "channel.url", problem: "is not used by e-mail; give channel.to")
            }
            checked.recipients = try list(new.recipients, field: "channel.to")
            guard !checked.recipients.isEmpty else {
                throw .invalid(field: "channel.to", problem: "must list at least one address")
            }
            // Plain ASCII addresses: they go into headers and SMTP commands as they are.
            if let bad = checked.recipients.first(where: {
                $0.count > 254
                    || $0.wholeMatch(
                        of: /[A-Za-z0-9.!#$%&'*+\/=?^_`{|}~-]+@[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?\.[A-Za-z0-9-]+/)
                        == nil
            }) {
                throw .invalid(field: "channel.to", problem: "has '\(bad)', which is not an e-mail address")
            }
            destination = "smtp"
        }
        checked.secret = try secret(new.secret, channel: new.channel)
        return (checked, destination)
    }

    /// A digest reports on its teams' clocks at a time of day; it hears no events. Whether the
    /// calendar exists is the store's check (it holds the calendars).
    private static func digest(
        _ digest: DigestSetting, events: [String], filter: SubscriptionFilter
    ) throws(NotificationError) {
        guard DigestSchedule.minute(parsing: digest.at) != nil else {
            throw .invalid(field: "digest.at", problem: "must be a local time of day HH:MM, 00:00-23:59")
        }
        guard !digest.calendar.isEmpty, digest.calendar.count <= 200 else {
            throw .invalid(field: "digest.calendar", problem: "must name a calendar")
        }
        guard events.isEmpty else {
            throw .invalid(
                field: "events",
                problem: "is not used by a digest, which reports breaches, work at risk and compliance")
        }
        guard filter.toStates.isEmpty else {
            throw .invalid(field: "filter.to_states", problem: "is not used by a digest")
        }
    }

    private static func filter(
        _ filter: SubscriptionFilter, ownerTeam: String
    ) throws(NotificationError) -> SubscriptionFilter {
        var checked = SubscriptionFilter(
            teams: try list(filter.teams, field: "filter.teams"),
            workflows: try list(filter.workflows, field: "filter.workflows"),
            priorities: try list(filter.priorities, field: "filter.priorities"),
            policies: try list(filter.policies, field: "filter.policies"),
            toStates: try list(filter.toStates, field: "filter.to_states"))
        if checked.teams.isEmpty { checked.teams = [ownerTeam] }
        return checked
    }

    /// A list without repeats or empty values, in order.
    private static func list(_ values: [String], field: String) throws(NotificationError) -> [String] {
        guard values.count <= listLimit else {
            throw .invalid(field: field, problem: "has more than \(listLimit) values")
        }
        for value in values where value.isEmpty || value.count > 200 || value.contains("\0") {
            throw .invalid(field: field, problem: "has an empty or overlong value")
        }
        return values.reduce(into: [String]()) { kept, value in if !kept.contains(value) { kept.append(value) } }
    }

    /// `scheme://host[:port]` of an `http(s)` URL: what the subscription line shows, and the key of
    /// the per-destination limit.
    static func origin(of text: String?) throws(NotificationError) -> String {
        guard let text, !text.isEmpty else {
            throw .invalid(field: "channel.url", problem: "is required for this channel")
        }
        guard text.count <= 2048, let url = URL(string: text), let scheme = url.scheme?.lowercased(),
            scheme == "https" || scheme == "http", let host = url.host(percentEncoded: false), !host.isEmpty
        else { throw .invalid(field: "channel.url", problem: "must be an http(s) URL") }
        guard url.user == nil, url.password == nil else {
            throw .invalid(field: "channel.url", problem: "must not carry a user or password")
        }
        let shownHost = host.contains(":") ? "[\(host)]" : host.lowercased()
        return "\(scheme)://\(shownHost)" + (url.port.map { ":\($0)" } ?? "")
    }

    /// The secret to keep: a webhook's is `whsec_` and base64 (made up when not given); a robot's
    /// is whatever the robot's settings show; e-mail and Slack have none.
    private static func secret(_ secret: String?, channel: ChannelKind) throws(NotificationError) -> String? {
        switch channel {
        case .webhook:
            guard let secret else {
                return "whsec_" + Data(SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }).base64EncodedString()
            }
            guard secret.hasPrefix("whsec_"), let key = Data(base64Encoded: String(secret.dropFirst(6))),
                (24...64).contains(key.count)
            else { throw .invalid(field: "channel.secret", problem: "must be whsec_ and 24-64 bytes in base64") }
            return secret
        case .dingtalk, .feishu:
            guard let secret else { return nil }
            guard !secret.isEmpty, secret.count <= 200 else {
                throw .invalid(field: "channel.secret", problem: "must be 1-200 characters")
            }
            return secret
        case .slack, .wecom, .email:
            guard secret == nil else {
                throw .invalid(field: "channel.secret", problem: "is not used by \(channel.rawValue)")
            }
            return nil
        }
    }
}
