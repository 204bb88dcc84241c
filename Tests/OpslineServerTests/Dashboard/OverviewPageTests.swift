import Foundation
import OpslineStore
import TestSupport
import Testing
import Workflow

@testable import OpslineServer

/// `/ui/`: the overview shows each caller what the API answers them — open breaches, work at
/// risk, compliance, bottlenecks, unassigned queues — with every title escaped.
@Suite struct OverviewPageTests {
    static let hostileTitle = #"<script>alert("x")</script> & 'quoted'"#

    @Test func breachesAtRiskAndQueuesEqualTheAPIsForEachCaller() async throws {
        let time = TestTime()
        let server = try await SLAViewsFixture.server(time: time)
        try await server.addUser("ada", admin: true)
        try await server.addUser("mia", ["support": .manager])
        try await server.addUser("bob", ["billing": .member])
        try await server.addUser("vic", ["marketing": .viewer])
        let tokens = [
            "ada": try await server.mintPersonal("ada"), "mia": try await server.mintPersonal("mia"),
            "bob": try await server.mintPersonal("bob"), "vic": try await server.mintPersonal("vic"),
        ]
        try await server.run { api in
            try await RunningScheduler.with(server.database, time: time) { running in
                let hostile = try await api.createViewTask(Self.hostileTitle.jsonEscaped)
                await running.advance(by: .milliseconds(100))
                _ = try await api.createViewTask("Parcel lost")
                await running.advance(by: .milliseconds(100))
                _ = try await api.createViewTask("Invoice twice", team: "billing")
                _ = try await api.createViewTask("Slow one", tier: "slow")
                let finished = try await api.createViewTask("Finished late")
                await running.advance(by: .seconds(2))
                _ = try await running.until({ try await api.send(.get, "/v1/sla/breaches").lines }) { $0.count == 4 }
                try await api.moveOK(finished, "finish")  // a stopped breach is no longer open

                for (user, token) in tokens.sorted(by: { $0.key < $1.key }) {
                    try await api.setPassword(user, "\(user)'s password")
                    var browser = PageClient(api)
                    try await browser.signIn(user: user, password: "\(user)'s password")
                    let seq = try await server.database.events.lastSeq()
                    let page = try await browser.get("/ui/")
                    #expect(page.status == .ok, "\(user)")

                    let breaches = try await api.send(.get, "/v1/sla/breaches?open=true", token: token).lines
                    #expect(page.rows("breach", "data-task") == breaches.strings("task"), "\(user), newest first")
                    #expect(page.rows("breach", "data-policy") == breaches.strings("policy"), "\(user)")
                    // Round the clock, a working day is 24 hours: the clocks of the API's next
                    // 16 days with at most that left.
                    let atRisk = try await api.send(.get, "/v1/sla/at-risk?within=16d", token: token).lines
                        .filter { ($0["remaining_s"]?.intValue ?? .max) <= 86_400 }
                    #expect(page.rows("at-risk-clock", "data-task") == atRisk.strings("task"), "\(user), soonest first")
                    #expect(page.rows("at-risk-clock", "data-policy") == atRisk.strings("policy"), "\(user)")
                    let unassigned = try await api.send(
                        .get, "/v1/tasks?workflow=sla-views&open=true&unassigned=true", token: token
                    ).lines
                    let expectedQueues = Dictionary(grouping: unassigned.strings("team"), by: { $0 }).mapValues(\.count)
                    let shownQueues = Dictionary(
                        uniqueKeysWithValues: zip(page.rows("queue", "data-team"), page.queueCounts))
                    #expect(shownQueues == expectedQueues, "\(user)")

                    // Live: the wrapper resumes after the log as it was read, each part a region.
                    #expect(page.text.contains(#"<div data-live data-live-after="\#(seq)"></div>"#), "\(user)")
                    for region in ["breaches", "at-risk", "compliance", "bottlenecks", "queues"] {
                        #expect(page.text.contains(#"<section id="overview-\#(region)" data-live-region"#), "\(region)")
                    }
                }

                // Who sees what: an admin all, a team its own, another team none.
                var admin = PageClient(api)
                try await admin.signIn(user: "ada", password: "ada's password")
                let adminPage = try await admin.get("/ui/")
                #expect(adminPage.rows("breach", "data-task").count == 3)
                #expect(adminPage.text.contains(#"<a href="/ui/tasks/\#(hostile)">\#(hostile)</a>"#))
                var outsider = PageClient(api)
                try await outsider.signIn(user: "vic", password: "vic's password")
                let outsiderPage = try await outsider.get("/ui/")
                #expect(outsiderPage.rows("breach", "data-task").isEmpty)
                #expect(outsiderPage.text.contains(#"data-testid="no-breaches">No open breaches.</p>"#))
                var billing = PageClient(api)
                try await billing.signIn(user: "bob", password: "bob's password")
                let billingPage = try await billing.get("/ui/")
                #expect(billingPage.rows("breach", "data-task").count == 1)
                #expect(!billingPage.text.contains("Parcel lost"))
            }
        }
    }

    @Test func titlesWithScriptAndQuotesShowAsText() async throws {
        let time = TestTime()
        let server = try await SLAViewsFixture.server(time: time)
        try await server.addUser("mia", ["support": .manager])
        try await server.run { api in
            try await RunningScheduler.with(server.database, time: time) { running in
                let breached = try await api.createViewTask(Self.hostileTitle.jsonEscaped)
                await running.advance(by: .seconds(3))
                _ = try await running.until({ try await api.send(.get, "/v1/sla/breaches").lines }) { !$0.isEmpty }
                _ = try await api.createViewTask(Self.hostileTitle.jsonEscaped, tier: "slow")  // at risk
                try await api.setPassword("mia", "mia's password")
                var browser = PageClient(api)
                try await browser.signIn(user: "mia", password: "mia's password")
                let page = try await browser.get("/ui/")
                #expect(!page.text.contains("<script>alert"))
                #expect(!page.text.contains(#"alert("x")"#))
                let escaped = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quoted&#39;"
                #expect(page.text.components(separatedBy: escaped).count - 1 >= 2, "in breaches and at risk")
                #expect(page.rows("breach", "data-task") == [breached])
            }
        }
    }

    @Test func complianceFiguresAndTheChartMatchTheReport() async throws {
        let time = TestTime()
        let server = try await SLAViewsFixture.server(time: time)
        try await server.addUser("mia", ["support": .manager, "billing": .manager])
        let token = try await server.mintPersonal("mia")
        try await server.run { api in
            try await RunningScheduler.with(server.database, time: time) { running in
                // Twenty days ago: one met, one breached; today: one met, two breached.
                try await api.moveOK(try await api.createViewTask("Old quick", tier: "slow"), "finish")
                _ = try await api.createViewTask("Old late")
                await running.advance(by: .seconds(20 * 86_400))
                _ = try await running.until({ try await api.send(.get, "/v1/sla/breaches").lines }) { $0.count >= 2 }
                try await api.moveOK(try await api.createViewTask("New quick", tier: "slow"), "finish")
                _ = try await api.createViewTask("New late")
                _ = try await api.createViewTask("Billing late", team: "billing")
                await running.advance(by: .seconds(3))
                _ = try await running.until({ try await api.send(.get, "/v1/sla/breaches").lines }) { $0.count >= 4 }

                try await api.setPassword("mia", "mia's password")
                var browser = PageClient(api)
                try await browser.signIn(user: "mia", password: "mia's password")
                let page = try await browser.get("/ui/")
                let now = time.now
                for days in [7, 30] {
                    let from = RFC3339.format(now.addingTimeInterval(-Double(days) * 86_400))
                    let report = try await api.send(
                        .get, "/v1/reports/sla?by=team,policy&from=\(from)", token: token
                    ).lines
                    #expect(!report.isEmpty)
                    for line in report {
                        let team = try #require(line["team"]?.stringValue)
                        let policy = try #require(line["policy"]?.stringValue)
                        let figure = line["compliance"]?.doubleValue.map(ComplianceChart.percent) ?? "no data"
                        let cell = try #require(page.complianceCell(team: team, policy: policy, days: days))
                        #expect(
                            cell.contains(
                                "<strong>\(figure)</strong> <span class=\"figures\">\(line["met"]?.intValue ?? -1) met, "
                                    + "\(line["breached"]?.intValue ?? -1) breached, \(line["running"]?.intValue ?? -1) running"
                            ),
                            "\(team) \(policy) \(days) d: \(cell)")
                        #expect(page.text.contains("\(team) · \(policy): "), "the chart's description names it")
                    }
                }
                // support · response: 1 of 2 met this week, 2 of 4 this month.
                let week = try #require(page.complianceCell(team: "support", policy: "response", days: 7))
                #expect(week.contains("<strong>50 %</strong>"))
                #expect(
                    page.text.contains(#"role="img" aria-labelledby="compliance-chart-title compliance-chart-desc""#))
                #expect(page.text.contains("<title id=\"compliance-chart-title\">SLA compliance per team and policy"))
                #expect(page.text.contains(">7 d 50 %</text>"))
                #expect(!page.text.contains("style="), "the policy forbids style attributes")
            }
        }
    }

    @Test func bottlenecksAreTheFlowReportsFirstWaitingStates() async throws {
        let time = TestTime()
        let server = try await SLAViewsFixture.server(time: time)
        try await server.addUser("mia", ["support": .manager])
        let token = try await server.mintPersonal("mia")
        try await server.run { api in
            // Waiting for ten days, entered long ago: all history's bottleneck, not this week's.
            let old = try await api.createViewTask("Waited long ago")
            try await api.moveOK(old, "wait")
            await time.advance(by: .seconds(10 * 86_400))
            try await api.moveOK(old, "finish")
            let waiting = try await api.createViewTask("Waits")
            try await api.moveOK(waiting, "wait")
            _ = try await api.createViewTask("Stays open")
            await time.advance(by: .seconds(3600))
            try await api.setPassword("mia", "mia's password")
            var browser = PageClient(api)
            try await browser.signIn(user: "mia", password: "mia's password")
            let page = try await browser.get("/ui/")
            let weekAgo = RFC3339.format(time.now.addingTimeInterval(-7 * 86_400))
            let flow = try await api.send(.get, "/v1/reports/flow?workflow=sla-views&from=\(weekAgo)", token: token)
                .lines
            let allTime = try await api.send(.get, "/v1/reports/flow?workflow=sla-views", token: token).lines
            #expect(allTime.strings("state").first == "waiting", "ten days' wait leads all history: \(allTime)")
            let states = flow.filter { $0["final"] == false && ($0["total_s"]?.intValue ?? 0) > 0 }.strings("state")
            #expect(states == ["waiting", "open"] || states == ["open", "waiting"], "\(flow)")
            let table = try #require(page.section(#"<table data-testid="bottleneck" data-workflow="sla-views">"#))
            let shown = table.matches(of: try Regex(#"<tr><td>([^<]*)</td>"#)).compactMap {
                $0.output[1].substring.map(String.init)
            }
            #expect(shown == Array(states.prefix(OverviewData.bottlenecksPerWorkflow)))
        }
    }
}

extension OverviewPageTests {
    /// A workflow whose `reply` clock counts in `calendar`, with targets by `size`.
    static func drill(_ name: String, key: String, calendar: String, small: String, medium: String) -> String {
        """
        workflow: \(name)
        key: \(key)
        team: support
        calendar: \(calendar)
        fields:
          size: {type: enum, values: [s, m], default: s}
        states:
          open: {initial: true}
          done: {final: true}
        transitions:
          finish: {from: open, to: done}
        slas:
          reply:
            start: created
            stop: {enter: [done]}
            target: {by: size, s: \(small), m: \(medium)}
        """
    }

    /// Friday 27 November 2026, 17:00 in Shanghai: support hours (mon-fri 09-18, sat 10-16) have
    /// one hour left today. "At risk" is a working day of each clock's own calendar, not a day.
    @Test func atRiskIsWithinTheNextWorkingDayOfEachClocksCalendar() async throws {
        let friday = try #require(RFC3339.parse("2026-11-27T09:00:00Z"))
        let time = TestTime(start: friday)
        let server = try await TestServer.make(time: time)
        let office = Self.drill("office-drill", key: "OFD", calendar: "support-hours", small: "8h", medium: "10h")
        let clock = Self.drill("clock-drill", key: "CLD", calendar: "24x7", small: "20h", medium: "30h")
        _ = try await server.database.workflows.publish(source: office, file: "office-drill.yaml")
        _ = try await server.database.workflows.publish(source: clock, file: "clock-drill.yaml")
        try await server.addUser("mia", ["support": .manager])
        try await server.run { api in
            func create(_ workflow: String, _ size: String) async throws -> String {
                let reply = try await api.send(
                    .post, "/v1/tasks", body: #"{"workflow":"\#(workflow)","title":"t","fields":{"size":"\#(size)"}}"#)
                return try #require(reply.object["id"]?.stringValue, "\(reply.text)")
            }
            // 8 working hours: 1 today, 6 on Saturday, 1 on Monday — due Monday 10:00, 65 hours
            // away on the wall clock, yet within a working day (9 hours) of support hours.
            let monday = try await create("office-drill", "s")
            let laterMonday = try await create("office-drill", "m")  // 10 working hours: more than a day
            let tomorrow = try await create("clock-drill", "s")  // 20 hours round the clock
            let dayAfter = try await create("clock-drill", "m")  // 30 hours: more than a day
            let nextDay = try await api.send(.get, "/v1/sla/at-risk?within=1d").lines.strings("task")
            #expect(!nextDay.contains(monday), "a day of wall-clock time does not reach Monday")

            try await api.setPassword("mia", "mia's password")
            var browser = PageClient(api)
            try await browser.signIn(user: "mia", password: "mia's password")
            let page = try await browser.get("/ui/")
            let shown = page.rows("at-risk-clock", "data-task")
            #expect(shown == [tomorrow, monday], "soonest deadline first: \(shown)")
            #expect(!shown.contains(laterMonday) && !shown.contains(dayAfter))
            #expect(page.text.contains("At risk within the next working day"))
        }
    }
}

extension PageClient.Page {
    /// The values of `attribute` of the elements with `data-testid="testid"`, in page order.
    func rows(_ testid: String, _ attribute: String) -> [String] {
        let pattern = #"data-testid=""# + testid + #""[^>]*?"# + attribute + #"="([^"]*)""#
        return text.matches(of: try! Regex(pattern)).compactMap { $0.output[1].substring.map(String.init) }
    }

    /// The unassigned counts of the queue rows, in page order.
    var queueCounts: [Int] {
        text.matches(of: try! Regex(#">([0-9]+) unassigned</a>"#)).compactMap {
            $0.output[1].substring.flatMap { Int($0) }
        }
    }

    /// The compliance table's cell for a team, policy and period.
    func complianceCell(team: String, policy: String, days: Int) -> String? {
        guard let row = section(#"data-team="\#(team)" data-policy="\#(policy)">"#, until: "</tr>") else { return nil }
        return row.components(separatedBy: #"<td data-period="\#(days)">"#).dropFirst().first?
            .components(separatedBy: "</td>").first
    }

    /// The text from `start` to the next `end`.
    func section(_ start: String, until end: String = "</table>") -> String? {
        guard let from = text.range(of: start) else { return nil }
        guard let to = text.range(of: end, range: from.upperBound..<text.endIndex) else { return nil }
        return String(text[from.lowerBound..<to.upperBound])
    }
}

extension String {
    /// The text as it goes inside a JSON string literal.
    var jsonEscaped: String {
        replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    }
}
