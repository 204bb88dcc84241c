import Workflow
extension OpslineClient {
    /// Breached clocks, newest breach first (`GET /v1/sla/breaches`), decoded as they stream in.
    ///
    /// The request is sent when iteration starts.
    public func slaBreaches(_ filter: BreachFilter = BreachFilter()) -> NDJSONStream<SLAClockLine> {
        stream(.slaBreaches(filter))
    }

    /// Running clocks due within the window, soonest first (`GET /v1/sla/at-risk`).
    ///
    /// The request is sent when iteration starts.
    public func slaAtRisk(_ filter: AtRiskFilter = AtRiskFilter()) -> NDJSONStream<SLAClockLine> {
        stream(.slaAtRisk(filter))
    }

    /// SLA compliance per group (`GET /v1/reports/sla`).
    ///
    /// - Parameters:
    ///   - by: The dimensions to group by: `team`, `workflow`, `policy`.
    ///   - workflow: Only this workflow's tasks.
    ///   - filter: The time window and team.
    public func slaReport(
        by: [String], workflow: String? = nil, filter: ReportFilter = ReportFilter()
    ) -> NDJSONStream<SLAReportLine> {
        stream(.slaReport(by: by, workflow: workflow, filter: filter))
    }

    /// Time spent per state of a workflow, most first (`GET /v1/reports/flow`).
    public func flowReport(workflow: String, filter: ReportFilter = ReportFilter()) -> NDJSONStream<FlowStateLine> {
        stream(.flowReport(workflow: workflow, filter: filter))
    }

    /// The deadline of `duration` working time from `from` in a business calendar
    /// (`GET /v1/calendars/{name}/due`).
    ///
    /// - Parameters:
    ///   - calendar: The calendar's name, such as `support-hours`.
    ///   - from: An RFC 3339 time; the server's now when `nil`.
    ///   - duration: Working time such as `4h`.
    public func calendarDue(
        calendar: String, from: String?, duration: String
    ) async throws(ClientError) -> CalendarDueLine {
        try await send(.calendarDue(calendar: calendar, from: from, duration: duration))
    }
}

extension OpslineClient {
    /// A workflow's tasks grouped by their fields, with number fields measured per group
    /// (`GET /v1/reports/breakdown`); each line as the server writes it.
    public func breakdownReport(
        workflow: String, by: [String], measures: [String] = [], filter: ReportFilter = ReportFilter()
    ) -> NDJSONStream<JSONValue> {
        stream(.breakdownReport(workflow: workflow, by: by, measures: measures, filter: filter))
    }
}
