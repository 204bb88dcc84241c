import Foundation
import OpslineStore
import Workflow

/// What the overview shows one caller, read with the same store calls, scope and order as the
/// API's routes (docs/dashboard.md, "Overview"):
///
/// - open breaches: `GET /v1/sla/breaches?open=true`, newest breach first;
/// - work at risk within the next working day: `GET /v1/sla/at-risk` clocks whose working time
///   left, on their own calendar, is at most one working day of that calendar, soonest first;
/// - compliance: `GET /v1/reports/sla?by=team,policy&from=` 7 and 30 days ago;
/// - bottlenecks: `GET /v1/reports/flow?workflow=&from=` 7 days ago, each workflow, its first
///   non-final states: the time spent in states entered these 7 days, so the work follows recent
///   activity rather than the whole history;
/// - unassigned queues: the open, unassigned tasks of `GET /v1/tasks`, counted per workflow and team.
struct OverviewData {
    /// Breaches and clocks at risk shown at most; the page says when there are more.
    static let listLimit = 50
    /// How far ahead the clocks at risk are looked for, wall-clock time, before each is kept or
    /// not by its working time left: long enough to span a weekend and a week of holidays.
    static let atRiskSearch: TimeInterval = 16 * 86_400
    /// Clocks at risk read at most, before those within a working day are kept.
    static let atRiskCandidates = 1000
    /// The states shown per workflow as its bottlenecks.
    static let bottlenecksPerWorkflow = 3
    /// The days of stretches in states the bottlenecks count.
    static let bottleneckDays = 7
    /// The compliance periods, in days.
    static let periods = [7, 30]

    let database: OpslineDatabase
    let caller: Principal

    /// Every part's template values, keyed as the overview template reads them. The parts are
    /// read at once, each on its own connection: the page takes as long as its slowest part,
    /// not as all of them together.
    func values() async throws -> [String: Any] {
        try AccessPolicy.checkRole(caller, .read)
        let now = database.reports.clock.now
        async let breachRecords = breachRecords(limit: Self.listLimit + 1)
        async let atRiskRecords = atRiskRecords(now: now)
        async let complianceGroups = complianceRows(now: now)
        async let flows = flows(now: now)
        async let queueCounts = queueCounts()
        var values: [String: Any] = [:]
        let (breaches, moreBreaches) = breaches(try await breachRecords)
        values["breaches"] = breaches
        values["hasBreaches"] = !breaches.isEmpty
        values["moreBreaches"] = moreBreaches
        values["breachCount"] = Self.count(breaches.count, more: moreBreaches)
        let (atRisk, moreAtRisk) = atRisk(try await atRiskRecords, now: now)
        values["atRisk"] = atRisk
        values["hasAtRisk"] = !atRisk.isEmpty
        values["moreAtRisk"] = moreAtRisk
        values["atRiskCount"] = Self.count(atRisk.count, more: moreAtRisk)
        let compliance = compliance(try await complianceGroups)
        values["compliance"] = compliance.rows
        values["hasCompliance"] = !compliance.rows.isEmpty
        values["chart"] = compliance.chart.templateValues
        let bottlenecks = bottlenecks(try await flows)
        values["bottlenecks"] = bottlenecks
        values["hasBottlenecks"] = !bottlenecks.isEmpty
        let queues = queues(try await queueCounts)
        values["queues"] = queues
        values["hasQueues"] = !queues.isEmpty
        values["limit"] = Self.listLimit
        return values
    }

    /// `12`, or `50+` when there are more than are shown.
    private static func count(_ shown: Int, more: Bool) -> String {
        more ? "\(shown)+" : String(shown)
    }

    /// `GET /v1/sla/breaches?open=true` for the caller: newest breach first.
    func breachRecords(limit: Int?) async throws -> [TaskClockRecord] {
        var filter = BreachFilter(scope: AccessPolicy.teamScope(caller))
        filter.open = true
        filter.limit = limit
        var records: [TaskClockRecord] = []
        for try await record in database.reports.breaches(filter) { records.append(record) }
        return records
    }

    private func breaches(_ records: [TaskClockRecord]) -> ([[String: Any]], Bool) {
        let rows = records.prefix(Self.listLimit).map { record -> [String: Any] in
            var row = clockValues(record)
            if let breachedAt = record.clock.breachedAt { row["breachedAt"] = OverviewFormat.time(breachedAt) }
            row["stillRunning"] = record.clock.state != .stopped
            return row
        }
        return (rows, records.count > Self.listLimit)
    }

    /// The caller's clocks at risk within the next working day, soonest deadline first: those of
    /// `GET /v1/sla/at-risk` whose working time left, on the calendar each counts in, is at most
    /// one working day of that calendar (``BusinessCalendar/longestWorkingDaySeconds``; a day
    /// round the clock). On a Friday evening, a deadline at 10:00 on Monday, one working hour
    /// away, is at risk; a round-the-clock deadline 30 hours away is not.
    func atRiskRecords(now: Date) async throws -> [TaskClockRecord] {
        var filter = AtRiskFilter(
            horizon: now.addingTimeInterval(Self.atRiskSearch), scope: AccessPolicy.teamScope(caller))
        filter.limit = Self.atRiskCandidates
        var records: [TaskClockRecord] = []
        for try await record in database.reports.atRisk(filter) {
            let calendar = database.workflows.slaCalendars(forWorkflow: record.workflow).calendar(for: record.clock)
            let left = record.clock.remainingSeconds(at: now, calendar: calendar) ?? 0
            if left <= Self.workingDay(of: calendar) { records.append(record) }
            if records.count > Self.listLimit { break }
        }
        return records
    }

    /// One working day of `calendar`, in seconds.
    static func workingDay(of calendar: any WorkingCalendar) -> TimeInterval {
        guard let business = calendar as? BusinessCalendar, business.longestWorkingDaySeconds > 0 else {
            return 86_400
        }
        return TimeInterval(business.longestWorkingDaySeconds)
    }

    private func atRisk(_ records: [TaskClockRecord], now: Date) -> ([[String: Any]], Bool) {
        let rows = records.prefix(Self.listLimit).map { record -> [String: Any] in
            var row = clockValues(record)
            let calendars = database.workflows.slaCalendars(forWorkflow: record.workflow)
            let calendar = calendars.calendar(for: record.clock)
            let remaining = record.clock.remainingSeconds(at: now, calendar: calendar) ?? 0
            row["left"] = OverviewFormat.duration(remaining)
            if let due = record.dueAt {
                row["due"] = OverviewFormat.time(due)
                if let local = OverviewFormat.local(due, calendar: calendar) { row["dueLocal"] = local }
            }
            row["calendar"] = calendars.calendarName(for: record.clock)
            return row
        }
        return (rows, records.count > Self.listLimit)
    }

    /// What a breach and a clock at risk share: the task and the clock.
    private func clockValues(_ record: TaskClockRecord) -> [String: Any] {
        var row: [String: Any] = [
            "task": record.taskID, "href": OverviewFormat.taskPath(record.taskID), "title": record.title,
            "workflow": record.workflow, "policy": record.clock.policy, "cycle": record.clock.cycle,
            "team": record.chargedTeam ?? "no team",
        ]
        if let escalatedTo = record.escalatedTo { row["escalatedTo"] = escalatedTo }
        if let assignee = record.assignee { row["assignee"] = assignee }
        return row
    }

    /// Compliance per team and policy over each period, and the chart of it.
    func complianceRows(now: Date) async throws -> [[Int: SLAComplianceRow]] {
        var byGroup: [[Int: SLAComplianceRow]] = []
        var index: [ComplianceKey: Int] = [:]
        // The longest period first: its groups, in the report's order, are the table's rows.
        for days in Self.periods.reversed() {
            var query = SLAReportQuery(by: [.team, .policy], scope: AccessPolicy.teamScope(caller))
            query.from = now.addingTimeInterval(-Double(days) * 86_400)
            for row in try await database.reports.slaCompliance(query) {
                let key = ComplianceKey(team: row.team, policy: row.policy)
                if index[key] == nil {
                    index[key] = byGroup.count
                    byGroup.append([:])
                }
                byGroup[index[key]!][days] = row
            }
        }
        return byGroup
    }

    private func compliance(_ groups: [[Int: SLAComplianceRow]]) -> (rows: [[String: Any]], chart: ComplianceChart) {
        var rows: [[String: Any]] = []
        var chart: [ComplianceChart.Group] = []
        for group in groups {
            guard let sample = group.values.first else { continue }
            let team = sample.team ?? "no team"
            let policy = sample.policy ?? ""
            var row: [String: Any] = ["team": team, "policy": policy]
            for days in Self.periods {
                let figures = group[days]
                row["d\(days)"] = [
                    "compliance": figures?.compliance.map(ComplianceChart.percent) ?? "no data",
                    "met": figures?.met ?? 0, "breached": figures?.breached ?? 0, "running": figures?.running ?? 0,
                ]
            }
            rows.append(row)
            chart.append(
                ComplianceChart.Group(
                    label: "\(team) · \(policy)", week: group[7]?.compliance, month: group[30]?.compliance))
        }
        return (rows, ComplianceChart(groups: chart))
    }

    /// Each published workflow's flow report for the caller, read at once.
    private func flows(now: Date) async throws -> [(workflow: PublishedWorkflow, states: [FlowStateRow])] {
        let workflows = try await database.workflows.latestPublished()
        let from = now.addingTimeInterval(-Double(Self.bottleneckDays) * 86_400)
        return try await withThrowingTaskGroup(of: (Int, [FlowStateRow]).self) { group in
            for (index, workflow) in workflows.enumerated() {
                var query = FlowReportQuery(workflow: workflow.name, scope: AccessPolicy.teamScope(caller))
                query.from = from
                group.addTask { [database] in (index, try await database.reports.flow(query)) }
            }
            var states = [[FlowStateRow]](repeating: [], count: workflows.count)
            for try await (index, rows) in group { states[index] = rows }
            return Array(zip(workflows, states)).map { (workflow: $0.0, states: $0.1) }
        }
    }

    /// Per workflow with time in it, the non-final states tasks spent most time in, as
    /// `GET /v1/reports/flow` orders them.
    private func bottlenecks(_ flows: [(workflow: PublishedWorkflow, states: [FlowStateRow])]) -> [[String: Any]] {
        var workflows: [[String: Any]] = []
        for (workflow, rows) in flows {
            let states = rows.filter { !$0.isFinal && $0.totalSeconds > 0 }
            guard !states.isEmpty else { continue }
            workflows.append([
                "workflow": workflow.name, "title": workflow.definition.title,
                "states": states.prefix(Self.bottlenecksPerWorkflow).map { state -> [String: Any] in
                    [
                        "state": state.state, "tasks": state.tasks, "visits": state.visits,
                        "average": OverviewFormat.duration(state.averageSeconds),
                        "p90": OverviewFormat.duration(state.p90Seconds),
                        "total": OverviewFormat.duration(state.totalSeconds),
                    ]
                },
            ])
        }
        return workflows
    }

    /// Open tasks nobody is assigned to, per workflow and team, as the task list counts them.
    private func queueCounts() async throws -> [TaskGroupCount] {
        var filter = TaskFilter(scope: AccessPolicy.teamScope(caller))
        filter.open = true
        filter.unassigned = true
        return try await database.tasks.countsByWorkflowAndTeam(filter)
    }

    private func queues(_ counts: [TaskGroupCount]) -> [[String: Any]] {
        counts.map { group in
            var query = "?unassigned=true"
            if let team = group.team { query += "&team=" + OverviewFormat.pathSegment(team) }
            return [
                "workflow": group.workflow, "team": group.team ?? "no team", "count": group.count,
                "href": "/ui/queues/" + OverviewFormat.pathSegment(group.workflow) + query,
            ]
        }
    }
}

/// A group of the compliance report grouped by team and policy.
private struct ComplianceKey: Hashable {
    let team: String?
    let policy: String?
}
