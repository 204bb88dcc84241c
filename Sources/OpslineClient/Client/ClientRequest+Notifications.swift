import Workflow

/// A subscription to create (`POST /v1/subscriptions`).
public struct NewSubscription: Sendable, Hashable {
    public var name: String
    public var team: String
    public var events: [String]
    public var channel: String
    public var url: String?
    public var to: [String] = []
    public var secret: String?
    public var teams: [String] = []
    public var workflows: [String] = []
    public var priorities: [String] = []
    public var policies: [String] = []
    public var toStates: [String] = []
    /// A daily digest's local time (`09:00`) instead of a message per event.
    public var digestAt: String?
    /// The calendar whose working days and time zone the digest keeps (server default `24x7`).
    public var digestCalendar: String?

    /// A subscription of `team` to `events` through `channel`.
    public init(name: String, team: String, events: [String], channel: String) {
        self.name = name
        self.team = team
        self.events = events
        self.channel = channel
    }

    /// The create line.
    var line: JSONValue {
        func strings(_ values: [String]) -> JSONValue { .array(values.map(JSONValue.string)) }
        var channel: [String: JSONValue] = ["type": .string(self.channel)]
        channel["url"] = url.map(JSONValue.string)
        channel["secret"] = secret.map(JSONValue.string)
        if !to.isEmpty { channel["to"] = strings(to) }
        var filter: [String: JSONValue] = [:]
        for (key, values) in [
            ("teams", teams), ("workflows", workflows), ("priorities", priorities), ("policies", policies),
            ("to_states", toStates),
        ] where !values.isEmpty {
            filter[key] = strings(values)
        }
        var line: [String: JSONValue] = [
            "name": .string(name), "team": .string(team), "events": strings(events), "channel": .object(channel),
        ]
        if !filter.isEmpty { line["filter"] = .object(filter) }
        if digestAt != nil || digestCalendar != nil {
            var digest: [String: JSONValue] = [:]
            digest["at"] = digestAt.map(JSONValue.string)
            digest["calendar"] = digestCalendar.map(JSONValue.string)
            line["digest"] = .object(digest)
        }
        return .object(line)
    }
}

extension ClientRequest {
    /// `POST /v1/subscriptions` (admins; managers of its team).
    public static func createSubscription(_ subscription: NewSubscription) -> ClientRequest {
        ClientRequest(method: .post, path: "/v1/subscriptions", lines: [subscription.line])
    }

    /// `GET /v1/subscriptions`: those the caller's teams own, by name.
    public static func listSubscriptions() -> ClientRequest {
        ClientRequest(method: .get, path: "/v1/subscriptions")
    }

    /// `GET /v1/subscriptions/{id}` (an id or a name).
    public static func subscription(_ idOrName: String) -> ClientRequest {
        ClientRequest(method: .get, path: "/v1/subscriptions/" + escape(idOrName))
    }

    /// `DELETE /v1/subscriptions/{id}`.
    public static func deleteSubscription(_ idOrName: String) -> ClientRequest {
        ClientRequest(method: .delete, path: "/v1/subscriptions/" + escape(idOrName))
    }

    /// `POST /v1/subscriptions/{id}/test`: a sample sent now.
    public static func testSubscription(_ idOrName: String) -> ClientRequest {
        ClientRequest(method: .post, path: "/v1/subscriptions/" + escape(idOrName) + "/test")
    }

    /// `GET /v1/deliveries?subscription=&state=&since=&limit=`.
    public static func listDeliveries(
        subscription: String? = nil, state: String? = nil, since: String? = nil, limit: Int? = nil
    ) -> ClientRequest {
        var query: [(String, String)] = []
        if let subscription { query.append(("subscription", subscription)) }
        if let state { query.append(("state", state)) }
        if let since { query.append(("since", since)) }
        if let limit { query.append(("limit", String(limit))) }
        return ClientRequest(method: .get, path: "/v1/deliveries", query: query)
    }

    /// `POST /v1/deliveries/{id}/retry`.
    public static func retryDelivery(_ id: String) -> ClientRequest {
        ClientRequest(method: .post, path: "/v1/deliveries/" + escape(id) + "/retry")
    }
}

extension OpslineClient {
    /// Creates a subscription; the answer carries its secret, this once.
    public func createSubscription(_ subscription: NewSubscription) async throws(ClientError) -> SubscriptionLine {
        try await send(.createSubscription(subscription))
    }

    /// The subscriptions the caller's teams own; sent when iteration starts.
    public func listSubscriptions() -> NDJSONStream<SubscriptionLine> {
        stream(.listSubscriptions())
    }

    public func subscription(_ idOrName: String) async throws(ClientError) -> SubscriptionLine {
        try await send(.subscription(idOrName))
    }

    public func deleteSubscription(_ idOrName: String) async throws(ClientError) -> SubscriptionLine {
        try await send(.deleteSubscription(idOrName))
    }

    public func testSubscription(_ idOrName: String) async throws(ClientError) -> SubscriptionTestLine {
        try await send(.testSubscription(idOrName))
    }

    /// The delivery log, newest first; sent when iteration starts.
    public func listDeliveries(
        subscription: String? = nil, state: String? = nil, since: String? = nil, limit: Int? = nil
    ) -> NDJSONStream<DeliveryLine> {
        stream(.listDeliveries(subscription: subscription, state: state, since: since, limit: limit))
    }

    public func retryDelivery(_ id: String) async throws(ClientError) -> DeliveryLine {
        try await send(.retryDelivery(id))
    }
}
