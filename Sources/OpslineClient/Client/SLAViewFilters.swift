/// Which breached clocks `GET /v1/sla/breaches` lists; unset criteria do not filter.
public struct BreachFilter: Sendable, Hashable {
    /// Only breaches charged to this team: it held the task when the clock breached.
    public var team: String?
    /// Only clocks of this workflow's tasks.
    public var workflow: String?
    /// Only clocks of this policy.
    public var policy: String?
    /// Only breaches at or after this RFC 3339 time.
    public var since: String?
    /// `true`: only breaches whose clock has not stopped; `false`: only stopped ones.
    public var open: Bool?
    /// At most this many clocks.
    public var limit: Int?

    /// Creates a filter.
    public init(
        team: String? = nil, workflow: String? = nil, policy: String? = nil, since: String? = nil,
        open: Bool? = nil, limit: Int? = nil
    ) {
        self.team = team
        self.workflow = workflow
        self.policy = policy
        self.since = since
        self.open = open
        self.limit = limit
    }

    /// The query parameters for the criteria that are set.
    var queryItems: [(name: String, value: String)] {
        let items: [(String, String?)] = [
            ("team", team), ("workflow", workflow), ("policy", policy), ("since", since),
            ("open", open.map { $0 ? "true" : "false" }), ("limit", limit.map(String.init)),
        ]
        return items.compactMap { name, value in value.map { (name: name, value: $0) } }
    }
}

/// Which running clocks `GET /v1/sla/at-risk` lists: due within ``within``.
public struct AtRiskFilter: Sendable, Hashable {
    /// How far ahead to look, such as `2h` (the server's default when unset).
    public var within: String?
    /// Only clocks of this team's tasks.
    public var team: String?
    /// Only clocks of this workflow's tasks.
    public var workflow: String?
    /// Only clocks of this policy.
    public var policy: String?
    /// At most this many clocks.
    public var limit: Int?

    /// Creates a filter.
    public init(
        within: String? = nil, team: String? = nil, workflow: String? = nil, policy: String? = nil,
        limit: Int? = nil
    ) {
        self.within = within
        self.team = team
        self.workflow = workflow
        self.policy = policy
        self.limit = limit
    }

    /// The query parameters for the criteria that are set.
    var queryItems: [(name: String, value: String)] {
        let items: [(String, String?)] = [
            ("within", within), ("team", team), ("workflow", workflow), ("policy", policy),
            ("limit", limit.map(String.init)),
        ]
        return items.compactMap { name, value in value.map { (name: name, value: $0) } }
    }
}

/// What a report covers: the time window and, for the SLA report, how it groups.
public struct ReportFilter: Sendable, Hashable {
    /// Only clocks started (SLA report) or stretches entered (flow report) at or after this time.
    public var from: String?
    /// Only those before this time.
    public var to: String?
    /// Only this team's tasks.
    public var team: String?

    /// Creates a filter.
    public init(from: String? = nil, to: String? = nil, team: String? = nil) {
        self.from = from
        self.to = to
        self.team = team
    }

    /// The query parameters for the criteria that are set.
    var queryItems: [(name: String, value: String)] {
        let items: [(String, String?)] = [("from", from), ("to", to), ("team", team)]
        return items.compactMap { name, value in value.map { (name: name, value: $0) } }
    }
}
