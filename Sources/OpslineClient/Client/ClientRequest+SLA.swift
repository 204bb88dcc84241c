extension ClientRequest {
    /// `GET /v1/sla/breaches`: breached clocks, newest breach first.
    public static func slaBreaches(_ filter: BreachFilter) -> ClientRequest {
        ClientRequest(method: .get, path: "/v1/sla/breaches", query: filter.queryItems)
    }

    /// `GET /v1/sla/at-risk`: running clocks due within the window, soonest first.
    public static func slaAtRisk(_ filter: AtRiskFilter) -> ClientRequest {
        ClientRequest(method: .get, path: "/v1/sla/at-risk", query: filter.queryItems)
    }

    /// `GET /v1/reports/sla`: SLA compliance per group.
    ///
    /// - Parameters:
    ///   - by: The dimensions to group by, in order: `team` (the team a clock is charged to),
    ///     `workflow`, `policy`, `cycle`; none for one
    ///     line overall.
    ///   - workflow: Only this workflow's tasks.
    ///   - filter: The time window and team.
    public static func slaReport(
        by: [String], workflow: String? = nil, filter: ReportFilter = ReportFilter()
    ) -> ClientRequest {
        var query = by.isEmpty ? [] : [(name: "by", value: by.joined(separator: ","))]
        if let workflow { query.append((name: "workflow", value: workflow)) }
        return ClientRequest(method: .get, path: "/v1/reports/sla", query: query + filter.queryItems)
    }

    /// `GET /v1/reports/flow`: time spent per state of `workflow`, most first.
    public static func flowReport(workflow: String, filter: ReportFilter = ReportFilter()) -> ClientRequest {
        ClientRequest(
            method: .get, path: "/v1/reports/flow",
            query: [(name: "workflow", value: workflow)] + filter.queryItems)
    }

    /// `GET /v1/calendars`: the business calendars.
    public static func calendars() -> ClientRequest {
        ClientRequest(method: .get, path: "/v1/calendars")
    }

    /// `GET /v1/calendars/{name}/due`: the deadline of `duration` working time from `from`.
    ///
    /// - Parameters:
    ///   - calendar: The calendar's name.
    ///   - from: An RFC 3339 time; the server's now when `nil`.
    ///   - duration: Working time such as `4h`.
    public static func calendarDue(calendar: String, from: String?, duration: String) -> ClientRequest {
        var query = [(name: "duration", value: duration)]
        if let from { query.insert((name: "from", value: from), at: 0) }
        return ClientRequest(method: .get, path: "/v1/calendars/" + escape(calendar) + "/due", query: query)
    }
}

extension ClientRequest {
    /// `GET /v1/reports/breakdown`: `workflow`'s tasks grouped `by` one to three dimensions, with
    /// `measures` (number fields) per group, most tasks first.
    public static func breakdownReport(
        workflow: String, by: [String], measures: [String] = [], filter: ReportFilter = ReportFilter()
    ) -> ClientRequest {
        var query = [(name: "workflow", value: workflow), (name: "by", value: by.joined(separator: ","))]
        if !measures.isEmpty { query.append((name: "measure", value: measures.joined(separator: ","))) }
        return ClientRequest(method: .get, path: "/v1/reports/breakdown", query: query + filter.queryItems)
    }
}
