import Foundation
import TestSupport
import Testing

@testable import Workflow

/// The playbooks' reports through `GET /v1/reports/breakdown`: satisfaction per agent (the agent
/// who resolved each complaint, not whoever holds it now) and per team, and campaign results
/// across campaigns by type and mechanic.
@Suite struct PlaybookReportTests {
    @Test func satisfactionIsCreditedToTheAgentWhoResolvedTheComplaint() async throws {
        let server = try await TestServer.make()
        let alice = try await server.mint(.member, teams: ["support"], name: "alice")
        let bob = try await server.mint(.member, teams: ["support"], name: "bob")
        try await server.addUser("carol", ["support": .member])
        try await server.run { api in
            for (agent, rating) in [(alice, 5), (alice, 4), (bob, 3)] {
                let id = try await api.createComplaint()
                _ = try await api.advance(id, "investigate", token: agent)
                let resolved = try await api.advance(
                    id, "resolve", fields: #"{"resolution":"Refunded"}"#, token: agent)
                #expect(resolved["fields"]?["resolved_by"]?.stringValue != nil, "stamped with who resolved it")
                // A supervisor takes the complaint over after it was resolved: it is not theirs.
                let handedOver = try await api.send(.patch, "/v1/tasks/\(id)", body: #"{"assignee":"carol"}"#)
                #expect(handedOver.status == .ok, "\(handedOver.text)")
                _ = try await api.advance(id, "close", fields: #"{"satisfaction":\#(rating)}"#)
            }
            let perAgent = try await api.send(
                .get, "/v1/reports/breakdown?workflow=complaint-escalation&by=resolved_by&measure=satisfaction"
            ).lines
            #expect(perAgent.map { $0["group"]?["resolved_by"] } == ["alice", "bob"])
            #expect(perAgent.map { $0["measures"]?["satisfaction"]?["avg"]?.doubleValue } == [4.5, 3])
            let byHolder = try await api.send(
                .get, "/v1/reports/breakdown?workflow=complaint-escalation&by=assignee&measure=satisfaction"
            ).lines
            #expect(byHolder.map { $0["group"]?["assignee"] } == ["carol"], "whoever holds them now")
            let perTeam = try await api.send(
                .get, "/v1/reports/breakdown?workflow=complaint-escalation&by=team&measure=satisfaction"
            ).lines
            #expect(perTeam.map { $0["group"]?["team"] } == ["support"])
            #expect(perTeam.first?["measures"]?["satisfaction"]?["avg"]?.doubleValue == 4)
        }
    }

    @Test func campaignResultsCompareAcrossCampaignsByTypeAndMechanic() async throws {
        try await TestServer.make().run { api in
            let campaigns = [
                ("promotion", #""mechanic":"spend_and_save","#, 132_000, 138_600, 1_710_000, 380_000),
                ("promotion", #""mechanic":"spend_and_save","#, 100, 90, 200_000, 100_000),
                ("promotion", #""mechanic":"coupon","#, 100, 80, 100_000, 100_000),
                ("social_media", "", 100, 120, 50_000, 50_000),
            ]
            for (type, mechanic, target, actual, sales, budget) in campaigns {
                _ = try await api.create(
                    #"{"workflow":"campaign-planning","title":"C","fields":{"campaign_type":"\#(type)",\#(mechanic)"target":\#(target),"actual":\#(actual),"sales":\#(sales),"budget":\#(budget)}}"#
                )
            }
            let results = try await api.send(
                .get,
                "/v1/reports/breakdown?workflow=campaign-planning&by=campaign_type,mechanic&measure=goal_completion,sales_per_yuan"
            ).lines
            #expect(results.count == 3, "\(results)")
            let first = try #require(results.first)
            #expect(first["group"] == ["campaign_type": "promotion", "mechanic": "spend_and_save"])
            #expect(first["tasks"] == 2)
            #expect(first["measures"]?["goal_completion"]?["avg"]?.doubleValue == 0.975, "1.05 and 0.9")
            #expect(first["measures"]?["sales_per_yuan"]?["avg"]?.doubleValue == 3.25, "4.5 and 2")
            let social = try #require(results.first { $0["group"]?["campaign_type"] == "social_media" })
            #expect(social["group"]?["mechanic"] == .null, "no mechanic outside promotions")
            #expect(social["measures"]?["goal_completion"]?["max"]?.doubleValue == 1.2)
        }
    }
}
