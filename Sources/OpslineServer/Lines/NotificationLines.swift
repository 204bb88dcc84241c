import Foundation
import OpslineStore
import Workflow

/// The request and response lines of `/v1/subscriptions` and `/v1/deliveries`.
enum NotificationLines {
    /// `POST /v1/subscriptions`: `{"name","team","events":[…],"filter"?:{"teams"?,"workflows"?,
    /// "priorities"?,"policies"?,"to_states"?},"channel":{"type","url"?,"to"?,"secret"?},
    /// "digest"?:{"at","calendar"?}}`.
    static func newSubscription(_ line: RequestLine) throws -> NewSubscription {
        let reader = LineObject(
            line: line.number, object: try line.object(),
            keys: ["name", "team", "events", "filter", "channel", "digest"])
        try reader.rejectUnknownKeys()
        let filterReader = try reader.optionalObject(
            "filter", keys: ["teams", "workflows", "priorities", "policies", "to_states"])
        try filterReader?.rejectUnknownKeys()
        let filter = SubscriptionFilter(
            teams: try filterReader?.optionalStringList("teams") ?? [],
            workflows: try filterReader?.optionalStringList("workflows") ?? [],
            priorities: try filterReader?.optionalStringList("priorities") ?? [],
            policies: try filterReader?.optionalStringList("policies") ?? [],
            toStates: try filterReader?.optionalStringList("to_states") ?? [])
        guard let channel = try reader.optionalObject("channel", keys: ["type", "url", "to", "secret"]) else {
            throw APIError.badLine(line.number, "field 'channel' is required").with(field: "channel")
        }
        try channel.rejectUnknownKeys()
        let typeName = try channel.string("type")
        guard let kind = ChannelKind(rawValue: typeName) else {
            let kinds = ChannelKind.allCases.map(\.rawValue).joined(separator: ", ")
            throw APIError.invalidField("channel.type", "must be one of \(kinds), not '\(typeName)'")
        }
        return NewSubscription(
            name: try reader.string("name"), team: try reader.string("team"),
            events: try reader.optionalStringList("events") ?? [], filter: filter, channel: kind,
            url: try channel.optionalString("url"), recipients: try channel.optionalStringList("to") ?? [],
            secret: try channel.optionalString("secret"), digest: try digest(reader))
    }

    /// `"digest":{"at":"09:00","calendar":"support-hours"}`: a daily digest instead of a message
    /// per event; the calendar defaults to `24x7` (every day, UTC).
    private static func digest(_ reader: LineObject) throws -> DigestSetting? {
        guard let digest = try reader.optionalObject("digest", keys: ["at", "calendar"]) else { return nil }
        try digest.rejectUnknownKeys()
        guard let at = try digest.optionalString("at") else {
            throw APIError.invalidField("digest.at", "is required: the local time of day, HH:MM")
        }
        return DigestSetting(at: at, calendar: try digest.optionalString("calendar") ?? "24x7")
    }

    /// A subscription line: `{"id","name","team","events","filter","channel":{"type",
    /// "destination","to"?,"signed"},"digest"?:{"at","calendar"},"created_by","created_at"}`, plus
    /// `"secret"` once, on creation. Never the URL, which may hold a robot's token.
    static func subscription(_ subscription: Subscription, secret: String? = nil) -> JSONValue {
        func strings(_ values: [String]) -> JSONValue { .array(values.map(JSONValue.string)) }
        let filter = subscription.filter
        var channel: [String: JSONValue] = [
            "type": .string(subscription.channel.rawValue), "destination": .string(subscription.destination),
            "signed": .bool(subscription.isSigned),
        ]
        if subscription.channel == .email { channel["to"] = strings(subscription.recipients) }
        var line: [String: JSONValue] = [
            "id": .string(subscription.id), "name": .string(subscription.name), "team": .string(subscription.team),
            "events": strings(subscription.events),
            "filter": [
                "teams": strings(filter.teams), "workflows": strings(filter.workflows),
                "priorities": strings(filter.priorities), "policies": strings(filter.policies),
                "to_states": strings(filter.toStates),
            ],
            "channel": .object(channel), "created_by": .string(subscription.createdBy),
            "created_at": .string(RFC3339.format(subscription.createdAt)),
        ]
        if let digest = subscription.digest {
            line["digest"] = ["at": .string(digest.at), "calendar": .string(digest.calendar)]
        }
        if let secret { line["secret"] = .string(secret) }
        return .object(line)
    }

    /// A delivery line: `{"id","subscription","subscription_id","event_seq","kind","state",
    /// "attempts","last_status","last_error","next_attempt_at","last_attempt_at","created_at",
    /// "finished_at"}`, absent values null.
    static func delivery(_ delivery: DeliveryRecord) -> JSONValue {
        func time(_ date: Date?) -> JSONValue { date.map { .string(RFC3339.format($0)) } ?? .null }
        return [
            "id": .string(delivery.id), "subscription": .string(delivery.subscription),
            "subscription_id": .string(delivery.subscriptionID),
            "event_seq": delivery.eventSeq.map(JSONValue.int) ?? .null, "kind": .string(delivery.kind),
            "state": .string(delivery.state.rawValue), "attempts": .int(Int64(delivery.attempts)),
            "last_status": delivery.lastStatus.map { .int(Int64($0)) } ?? .null,
            "last_error": delivery.lastError.map(JSONValue.string) ?? .null,
            "next_attempt_at": time(delivery.nextAttemptAt), "last_attempt_at": time(delivery.lastAttemptAt),
            "created_at": time(delivery.createdAt), "finished_at": time(delivery.finishedAt),
        ]
    }
}
