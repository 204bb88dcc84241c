import Foundation
import TestSupport
import Testing
import Workflow

@testable import OpslineServer

/// `GET /v1/reports/sla` and `GET /v1/reports/flow`: compliance per group, and where tasks wait.
@Suite struct SLAReportTests {
    @Test func complianceCountsMetBreachedAndRunningClocksPerGroup() async throws {
        let time = TestTime()
        let server = try await SLAViewsFixture.server(time: time)
        let support = try await server.mint(.member, teams: ["support"])
        try await server.run { api in
            try await RunningScheduler.with(server.database, time: time) { running in
                // Two answered within their response target (an hour), two late for theirs (two
                // seconds; one finished late), and one late in billing.
                for title in ["Quick one", "Quick two"] {
                    try await api.moveOK(try await api.createViewTask(title, tier: "slow"), "finish")
                }
                let late = try await api.createViewTask("Late one")
                let finishedLate = try await api.createViewTask("Late two")
                _ = try await api.createViewTask("Billing late", team: "billing")
                await running.advance(by: .seconds(2))
                _ = try await running.until({ try await api.send(.get, "/v1/sla/breaches").lines }) { $0.count == 3 }
                try await api.moveOK(finishedLate, "finish")
                _ = late

                let byPolicy = try await api.send(.get, "/v1/reports/sla?by=policy")
                #expect(byPolicy.status == .ok)
                #expect(byPolicy.lines.strings("policy") == ["resolution", "response"])
                let response = try #require(byPolicy.lines.last)
                #expect(counts(response) == [5, 2, 3, 0])
                #expect(response["compliance"]?.doubleValue == 0.4)
                #expect(response["team"] == nil, "only the dimensions asked for")
                let p50 = try #require(response["p50_s"]?.intValue)
                let p90 = try #require(response["p90_s"]?.intValue)
                #expect(p90 >= p50, "\(response)")
                #expect(p90 >= 1, "the clock finished late used its 2 s: \(response)")
                let resolution = try #require(byPolicy.lines.first)
                #expect(counts(resolution) == [5, 3, 0, 2])
                #expect(resolution["compliance"]?.doubleValue == 1)

                let byTeamAndPolicy = try await api.send(.get, "/v1/reports/sla?by=team,policy").lines
                #expect(byTeamAndPolicy.strings("team") == ["billing", "billing", "support", "support"])
                #expect(byTeamAndPolicy.strings("policy") == ["resolution", "response", "resolution", "response"])
                let supportResponse = byTeamAndPolicy[3]
                #expect(supportResponse["compliance"]?.doubleValue == 0.5)
                #expect(supportResponse["breached"] == 2 && supportResponse["met"] == 2)
                let billingResolution = byTeamAndPolicy[0]
                #expect(billingResolution["compliance"] == .null, "nothing met or breached yet")
                #expect(billingResolution["p50_s"] == .null, "no clock stopped")

                let byPolicyThenTeam = try await api.send(.get, "/v1/reports/sla?by=policy,team").lines
                #expect(byPolicyThenTeam.strings("policy") == ["resolution", "resolution", "response", "response"])
                #expect(byPolicyThenTeam.strings("team") == ["billing", "support", "billing", "support"])

                let overall = try await api.send(.get, "/v1/reports/sla").lines
                #expect(overall.count == 1)
                #expect(overall.first?["total"] == 10 && overall.first?["met"] == 5 && overall.first?["breached"] == 3)

                let member = try await api.send(.get, "/v1/reports/sla?by=team", token: support).lines
                #expect(member.strings("team") == ["support"])
                #expect(member.first?["total"] == 8 && member.first?["running"] == 1)

                let tomorrow = RFC3339.format(time.now.addingTimeInterval(86_400))
                #expect(try await api.send(.get, "/v1/reports/sla?from=\(tomorrow)").lines.isEmpty)
                #expect(try await api.send(.get, "/v1/reports/sla?to=2020-01-01").lines.isEmpty)
                #expect(try await api.send(.get, "/v1/reports/sla?by=team&workflow=nope").lines.isEmpty)

                for query in ["by=assignee", "by=team,team", "from=last-week"] {
                    let reply = try await api.send(.get, "/v1/reports/sla?\(query)")
                    #expect(reply.status == .badRequest, "\(query)")
                    #expect(reply.object["error"]?["parameter"]?.stringValue == String(query.prefix { $0 != "=" }))
                }
            }
        }
    }

    @Test func theFlowReportRanksTheStateWhereTasksWaitedLongestFirst() async throws {
        let time = TestTime()
        let server = try await SLAViewsFixture.server(time: time)
        let billingViewer = try await server.mint(.viewer, teams: ["billing"])
        try await server.run { api in
            // Three tasks wait 2 s each (one of billing's, which stays waiting) and spend no time
            // open: the test's time moves only while they wait.
            let created = try await api.send(
                .post, "/v1/tasks",
                body: [
                    #"{"workflow":"sla-views","title":"First"}"#, #"{"workflow":"sla-views","title":"Second"}"#,
                    #"{"workflow":"sla-views","title":"Billing's","team":"billing"}"#,
                ].joined(separator: "\n"))
            let ids = created.lines.strings("id")
            try #require(ids.count == 3, "\(created.text)")
            try await api.batch(ids.map { (id: $0, transition: "wait") })
            await time.advance(by: .seconds(2))
            try await api.batch(
                ids.prefix(2).flatMap { [(id: $0, transition: "resume"), (id: $0, transition: "finish")] })

            let report = try await api.send(.get, "/v1/reports/flow?workflow=sla-views")
            #expect(report.status == .ok)
            #expect(
                report.lines.strings("state") == ["waiting", "open", "done"],
                "closed tasks' final state is not waiting: it comes last")
            let waiting = try #require(report.lines.first)
            #expect(waiting["final"] == false)
            #expect(waiting["workflow"] == "sla-views")
            #expect(waiting["tasks"] == 3 && waiting["visits"] == 3)
            #expect(waiting["total_s"] == 6 && waiting["p50_s"] == 2 && waiting["avg_s"] == 2, "\(waiting)")
            let open = try #require(report.lines.dropLast().last)
            #expect(open["tasks"] == 3 && open["visits"] == 5, "two sent back once each")
            let done = try #require(report.lines.last)
            #expect(done["final"] == true && done["tasks"] == 2 && done["total_s"] == 0, "two ended there")

            let billing = try await api.send(.get, "/v1/reports/flow?workflow=sla-views", token: billingViewer)
            #expect(billing.lines.strings("state") == ["waiting", "open"])
            #expect(billing.lines.allSatisfy { $0["tasks"] == 1 })

            let tomorrow = RFC3339.format(time.now.addingTimeInterval(86_400))
            #expect(try await api.send(.get, "/v1/reports/flow?workflow=sla-views&from=\(tomorrow)").lines.isEmpty)
            let missing = try await api.send(.get, "/v1/reports/flow")
            #expect(missing.status == .badRequest)
            #expect(missing.object["error"]?["parameter"] == "workflow")
            #expect(try await api.send(.get, "/v1/reports/flow?workflow=nope").status == .notFound)
        }
    }

    /// A line's `total`, `met`, `breached` and `running`.
    private func counts(_ line: JSONValue) -> [Int?] {
        ["total", "met", "breached", "running"].map { line[$0]?.intValue }
    }
}

extension APIClient {
    /// Applies the moves as one `POST /v1/events` batch (one transaction) and fails unless each
    /// succeeded.
    fileprivate func batch(_ moves: [(id: String, transition: String)]) async throws {
        let body = moves.map { #"{"op":"transition","task":"\#($0.id)","transition":"\#($0.transition)"}"# }
            .joined(separator: "\n")
        let reply = try await send(.post, "/v1/events", body: body)
        guard reply.status == .ok, reply.lines.allSatisfy({ $0["status"] == 200 }) else {
            throw TestFailure("batch failed: \(reply.text)")
        }
    }
}
