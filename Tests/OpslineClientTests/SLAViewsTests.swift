import Foundation
import Testing
import Workflow

@testable import OpslineClient

/// The tables of `opsline sla` and `opsline report`.
@Suite struct SLAViewsTests {
    static let breach = """
        {"task":"CMP-42","title":"Refund not received","workflow":"complaint-escalation","team":"support",\
        "assignee":"alice","priority":"p1","task_state":"investigating","policy":"resolution","state":"running",\
        "started_at":"2026-11-20T01:00:00.000Z","due_at":"2026-11-20T05:00:00.000Z",\
        "breached_at":"2026-11-20T05:00:00.000Z","stopped_at":null,"escalation_level":1,"target_s":14400,\
        "remaining_s":-600}
        """

    @Test func breachesShowTaskPolicyTimeLevelAndOwner() throws {
        let line = try JSONDecoder().decode(SLAClockLine.self, from: Data(Self.breach.utf8))
        #expect(
            BreachListView.render([line]) == """
                TASK    POLICY      BREACHED              LEVEL  CLOCK    TEAM     ESCALATED TO  ASSIGNEE  PRIORITY  STATE          TITLE
                CMP-42  resolution  2026-11-20T05:00:00Z      1  running  support  -             alice     p1        investigating  Refund not received

                """)
        #expect(BreachListView.render([]) == "No breaches found.\n")
        #expect(AtRiskListView.row(line)[2] == "overdue 10m")
    }

    /// A second cycle's breach, charged to support, of a task an escalation gave support-l2:
    /// TEAM is support's, ESCALATED TO where the task went, and the policy names its cycle.
    @Test func aBreachShowsTheTeamItIsChargedToAndWhereTheTaskWent() throws {
        let text = Self.breach.replacingOccurrences(of: #""team":"support""#, with: #""team":"support-l2""#)
            .replacingOccurrences(
                of: #""remaining_s":-600"#,
                with: #""remaining_s":-600,"cycle":2,"breached_team":"support","escalated_to":"support-l2""#)
        let line = try JSONDecoder().decode(SLAClockLine.self, from: Data(text.utf8))
        #expect(line.chargedTeam == "support" && line.cycle == 2)
        #expect(
            BreachListView.row(line).prefix(7) == [
                "CMP-42", "resolution #2", "2026-11-20T05:00:00Z", "1", "running", "support", "support-l2",
            ])
        let before = try JSONDecoder().decode(SLAClockLine.self, from: Data(Self.breach.utf8))
        #expect(before.chargedTeam == "support" && before.cycle == 1, "a line without attribution: the task's team")
    }

    @Test func theSLAReportGroupsByCycle() throws {
        let lines = try [
            #"{"policy":"resolution","cycle":1,"total":2,"met":1,"breached":1,"running":0,"compliance":0.5,"p50_s":60,"p90_s":60}"#,
            #"{"policy":"resolution","cycle":2,"total":1,"met":0,"breached":1,"running":0,"compliance":0,"p50_s":60,"p90_s":60}"#,
        ].map { try JSONDecoder().decode(SLAReportLine.self, from: Data($0.utf8)) }
        #expect(SLAReportView.row(lines[1], by: ["policy", "cycle"]).prefix(4) == ["resolution", "2", "1", "0"])
    }

    @Test func theSLAReportShowsCompliancePercentagesAndWorkingTimes() throws {
        let lines = try [
            #"{"team":"billing","total":4,"met":1,"breached":2,"running":1,"compliance":0.3333,"p50_s":5400,"p90_s":90061}"#,
            #"{"team":null,"total":1,"met":0,"breached":0,"running":1,"compliance":null,"p50_s":null,"p90_s":null}"#,
        ].map { try JSONDecoder().decode(SLAReportLine.self, from: Data($0.utf8)) }
        #expect(
            SLAReportView.render(lines, by: ["team"]) == """
                TEAM     TOTAL  MET  BREACHED  RUNNING  COMPLIANCE    P50   P90
                billing      4    1         2        1       33.3%  1h30m  1d1h
                -            1    0         0        1           -      -     -

                """)
    }

    @Test func theFlowReportShowsTimePerState() throws {
        let line = try JSONDecoder().decode(
            FlowStateLine.self,
            from: Data(
                #"{"workflow":"w","state":"waiting","tasks":2,"visits":3,"total_s":7200,"avg_s":3600,"p50_s":3000,"p90_s":4000}"#
                    .utf8))
        #expect(
            FlowReportView.render([line]) == """
                STATE    TASKS  VISITS  TOTAL  AVG  P50   P90
                waiting      2       3     2h   1h  50m  1h6m

                """)
    }

    @Test func theFlowReportShowsHowManyTasksEndedInEachFinalState() throws {
        let lines = try [
            #"{"workflow":"w","state":"resolved","final":false,"tasks":2,"visits":2,"total_s":3600,"avg_s":1800,"p50_s":1800,"p90_s":1800}"#,
            #"{"workflow":"w","state":"closed_unrated","final":true,"tasks":1,"visits":1,"total_s":0,"avg_s":0,"p50_s":0,"p90_s":0}"#,
        ].map { try JSONDecoder().decode(FlowStateLine.self, from: Data($0.utf8)) }
        #expect(
            FlowReportView.render(lines) == """
                STATE                   TASKS  VISITS  TOTAL  AVG  P50  P90
                resolved                    2       2     1h  30m  30m  30m
                closed_unrated (final)      1       1      -    -    -    -

                """)
    }

    @Test func aDeadlineWorkedOutLocallyMatchesTheServersLine() throws {
        let calendar = try #require(
            try CalendarParser.parse(
                "shop: {timezone: Asia/Shanghai, hours: {mon-fri: \"09:00-18:00\"}}", file: "calendars.yaml")["shop"])
        let from = try #require(ISO8601DateFormatter().date(from: "2026-11-20T09:00:00Z"))
        let line = try CalendarDueLine(calendar: calendar, from: from, duration: WorkDuration(parsing: "4h")!)
        #expect(line.json.compactText.contains(#""due_at":"2026-11-23T04:00:00.000Z""#))
        #expect(line.dueAtLocal == "2026-11-23T12:00:00+08:00")
        let decoded = try JSONDecoder().decode(CalendarDueLine.self, from: Data(line.json.compactText.utf8))
        #expect(decoded == line)
    }
}
